#include "logview.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Orchestrator::Ui {

namespace {

constexpr int DefaultMaximumLines = 50000;
// A longer line is shown in pieces of this many characters, one per line:
// the text layout redoes a whole paragraph on every append to it, so a
// 10 MB line arriving in chunks would otherwise freeze the view for minutes.
constexpr int MaxLineLength = 16 * 1024;
// The document keeps at most about this many characters (the line limit
// alone does not bound it when lines are long); older lines are dropped.
constexpr int MaxCharacters = 2 * int(LogView::InitialTail);
// Highlighting more than this many matches would cost more than it tells.
constexpr int MaxMatches = 5000;
const QByteArrayView HeaderPrefix("==> ");

QColor mix(const QColor &a, const QColor &b, qreal weightOfA)
{
    const qreal w = weightOfA;
    return QColor::fromRgbF(float(a.redF() * w + b.redF() * (1 - w)), float(a.greenF() * w + b.greenF() * (1 - w)),
                            float(a.blueF() * w + b.blueF() * (1 - w)));
}

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LogView::poll);
}

LogView::~LogView() = default;

void LogView::buildUi()
{
    m_attemptBox = new QComboBox(this);
    m_attemptBox->setObjectName(QStringLiteral("attemptSelector"));
    m_attemptBox->addItem(tr("All attempts"));
    m_attemptBox->setToolTip(tr("Jump to the start of an attempt"));
    connect(m_attemptBox, &QComboBox::activated, this, &LogView::onAttemptChosen);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { updateMatches(true); });
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &LogView::findNext);

    auto *previousButton = new QToolButton(this);
    previousButton->setText(tr("Previous"));
    previousButton->setToolTip(tr("Previous match (Shift+F3)"));
    connect(previousButton, &QToolButton::clicked, this, &LogView::findPrevious);
    auto *nextButton = new QToolButton(this);
    nextButton->setText(tr("Next"));
    nextButton->setToolTip(tr("Next match (F3)"));
    connect(nextButton, &QToolButton::clicked, this, &LogView::findNext);

    m_matchLabel = new QLabel(this);
    m_matchLabel->setObjectName(QStringLiteral("matchLabel"));

    auto *openButton = new QPushButton(tr("Open externally"), this);
    openButton->setObjectName(QStringLiteral("openExternally"));
    openButton->setToolTip(tr("Open the whole log file in the default application"));
    connect(openButton, &QPushButton::clicked, this, &LogView::openExternally);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("droppedNotice"));
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setContentsMargins(4, 2, 4, 2);
    m_notice->hide();

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(DefaultMaximumLines);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    QScrollBar *bar = m_text->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) { m_following = value >= bar->maximum(); });
    // The range grows after the layout catches up with appended text; a
    // following view keeps up with it.
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar] {
        if (m_following)
            bar->setValue(bar->maximum());
    });
    // Some of the editor's own scrolling (keyboard, ensureCursorVisible)
    // moves the bar without its valueChanged; every scroll repaints, though.
    connect(m_text, &QPlainTextEdit::updateRequest, this, [this, bar](const QRect &, int dy) {
        if (dy != 0)
            m_following = bar->value() >= bar->maximum();
    });

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_attemptBox);
    toolbar->addStretch();
    toolbar->addWidget(m_searchEdit, 1);
    toolbar->addWidget(previousButton);
    toolbar->addWidget(nextButton);
    toolbar->addWidget(m_matchLabel);
    toolbar->addWidget(openButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_notice);
    layout->addWidget(m_text, 1);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    auto *next = new QShortcut(QKeySequence(Qt::Key_F3), this);
    next->setContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QShortcut::activated, this, &LogView::findNext);
    auto *previous = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), this);
    previous->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QShortcut::activated, this, &LogView::findPrevious);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_searchEdit);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, m_searchEdit, &QLineEdit::clear);
}

void LogView::setLogFile(const QString &path)
{
    m_path = path;
    restart();
    if (!m_path.isEmpty()) {
        m_text->setPlaceholderText(tr("No output yet."));
        m_timer.start(0);
    }
}

void LogView::clear()
{
    m_path.clear();
    restart();
}

void LogView::restart()
{
    m_timer.stop();
    m_parser.reset();
    m_offset = 0;
    m_started = false;
    m_skipToLineStart = false;
    m_atLineStart = true;
    m_carry.clear();
    m_skippedBytes = 0;
    m_droppedCharacters = 0;
    m_attempts.clear();
    while (m_attemptBox->count() > 1)
        m_attemptBox->removeItem(m_attemptBox->count() - 1);
    m_matches.clear();
    m_currentMatch = -1;
    m_text->setExtraSelections({});
    m_text->clear();
    m_text->setUndoRedoEnabled(false);
    m_text->setPlaceholderText({});
    m_following = true;
    updateNotice();
    updateMatches(false);
}

void LogView::setMaximumLineCount(int lines)
{
    m_text->setMaximumBlockCount(lines);
}

int LogView::maximumLineCount() const
{
    return m_text->maximumBlockCount();
}

void LogView::scrollToEnd()
{
    m_following = true;
    QScrollBar *bar = m_text->verticalScrollBar();
    bar->setValue(bar->maximum());
}

QString LogView::droppedNotice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void LogView::poll()
{
    if (m_path.isEmpty())
        return;
    qint64 read = 0;
    bool backlog = false;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        const qint64 size = file.size();
        if (size < m_offset) {
            // Truncated or replaced: show the new file from its start.
            setLogFile(m_path);
            return;
        }
        if (!m_started) {
            m_started = true;
            if (size > InitialTail) {
                // One byte early: if it is a line break, only it is skipped.
                m_offset = size - InitialTail - 1;
                m_skippedBytes = m_offset;
                m_skipToLineStart = true;
            }
        }
        if (size > m_offset && file.seek(m_offset)) {
            const QByteArray data = file.read(qMin(size - m_offset, ChunkSize));
            read = data.size();
            m_offset += read;
            backlog = size > m_offset;
            consume(data);
        }
    }
    // The file stopped growing: a partial line (a progress bar, a prompt) is
    // shown now rather than when its line ends.
    if (read == 0)
        flushPartialLine();
    // A backlog is read in further bounded chunks without waiting, so a large
    // tail loads quickly while the event loop still runs between chunks.
    m_timer.start(backlog ? 0 : PollInterval);
}

void LogView::consume(QByteArray data)
{
    if (m_skipToLineStart) {
        const qsizetype lineBreak = data.indexOf('\n');
        const qsizetype skipped = lineBreak < 0 ? data.size() : lineBreak + 1;
        m_skippedBytes += skipped;
        data.remove(0, skipped);
        m_skipToLineStart = lineBreak < 0;
        updateNotice();
    }
    m_carry += data;
    const qsizetype cut = m_carry.lastIndexOf('\n');
    if (cut >= 0) {
        render(QByteArrayView(m_carry).first(cut + 1));
        m_carry.remove(0, cut + 1);
    }
    // A line longer than a chunk is shown in pieces: the carry stays bounded.
    if (m_carry.size() > ChunkSize) {
        render(m_carry);
        m_carry.clear();
    }
}

void LogView::flushPartialLine()
{
    if (m_carry.isEmpty())
        return;
    // Header lines are written whole; wait for the rest of one.
    if (m_atLineStart && m_carry.startsWith(HeaderPrefix))
        return;
    render(m_carry);
    m_carry.clear();
}

void LogView::render(QByteArrayView bytes)
{
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool follow = m_following;
    const int value = bar->value();
    QTextDocument *document = m_text->document();
    const int blocksBefore = document->blockCount();
    const int charactersBefore = document->characterCount();

    QTextCursor cursor(document);
    cursor.movePosition(QTextCursor::End);
    Insertion inserted;
    cursor.beginEditBlock();
    qsizetype outputStart = 0;
    qsizetype position = 0;
    while (position < bytes.size()) {
        const qsizetype lineBreak = bytes.indexOf('\n', position);
        const qsizetype end = lineBreak < 0 ? bytes.size() : lineBreak + 1;
        const QByteArrayView line = bytes.sliced(position, end - position);
        if (m_atLineStart && line.startsWith(HeaderPrefix)) {
            renderOutput(cursor, bytes.sliced(outputStart, position - outputStart), inserted);
            renderHeader(cursor, line, inserted);
            outputStart = end;
        }
        m_atLineStart = lineBreak >= 0;
        position = end;
    }
    renderOutput(cursor, bytes.sliced(outputStart), inserted);
    cursor.endEditBlock();

    // The line limit dropped the oldest lines: say so.
    const int droppedBlocks = blocksBefore + inserted.blocks - document->blockCount();
    if (droppedBlocks > 0) {
        m_droppedCharacters += qMax(0, charactersBefore + inserted.characters - document->characterCount());
        updateNotice();
    }
    dropOldestCharacters();

    if (follow)
        scrollToEnd();
    else
        bar->setValue(value);
    if (!m_searchEdit->text().isEmpty())
        updateMatches(false);
}

void LogView::renderOutput(QTextCursor &cursor, QByteArrayView bytes, Insertion &inserted)
{
    if (bytes.isEmpty())
        return;
    for (const AnsiSegment &segment : m_parser.feed(bytes)) {
        if (segment.lineReset) {
            cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
            inserted.characters -= cursor.selectionEnd() - cursor.selectionStart();
            cursor.removeSelectedText();
        }
        insertOutput(cursor, segment.text, segment.format.toCharFormat(), inserted);
    }
}

void LogView::insertOutput(QTextCursor &cursor, const QString &text, const QTextCharFormat &format, Insertion &inserted)
{
    // Almost always every line fits: one insertion, as fast as it gets.
    qsizetype column = cursor.positionInBlock();
    bool fits = true;
    for (const QChar c : text) {
        column = c == QLatin1Char('\n') ? 0 : column + 1;
        if (column > MaxLineLength) {
            fits = false;
            break;
        }
    }
    if (fits) {
        cursor.insertText(text, format);
        inserted.characters += int(text.size());
        inserted.blocks += int(text.count(QLatin1Char('\n')));
        return;
    }
    const QString lineBreak(QLatin1Char('\n'));
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype room = MaxLineLength - cursor.positionInBlock();
        if (room <= 0) {
            cursor.insertText(lineBreak, format);
            inserted.characters += 1;
            inserted.blocks += 1;
            continue;
        }
        const qsizetype next = text.indexOf(QLatin1Char('\n'), position);
        const qsizetype end = next < 0 ? text.size() : next + 1;
        qsizetype take = qMin(room, end - position);
        // Never between the two halves of a surrogate pair.
        if (take < end - position && take > 1 && text.at(position + take - 1).isHighSurrogate())
            --take;
        const QString piece = text.sliced(position, take);
        cursor.insertText(piece, format);
        inserted.characters += int(piece.size());
        inserted.blocks += piece.endsWith(QLatin1Char('\n')) ? 1 : 0;
        position += take;
    }
}

void LogView::dropOldestCharacters()
{
    QTextDocument *document = m_text->document();
    const int excess = document->characterCount() - MaxCharacters;
    if (excess <= 0)
        return;
    // Whole lines, up to the one that brings the document under the limit.
    QTextBlock last = document->findBlock(excess);
    if (!last.next().isValid())
        return; // one line alone: the line-length pieces keep it bounded
    QTextCursor cursor(document);
    cursor.setPosition(last.next().position(), QTextCursor::KeepAnchor);
    const int removed = cursor.selectionEnd() - cursor.selectionStart();
    cursor.removeSelectedText();
    m_droppedCharacters += removed;
    updateNotice();
}

void LogView::renderHeader(QTextCursor &cursor, QByteArrayView line, Insertion &inserted)
{
    static const QRegularExpression attemptPattern(QStringLiteral("\\battempt (\\d+)/(\\d+)\\b"));

    // The engine writes headers between processes: the tool's colours end.
    m_parser.reset();

    QString text = QString::fromUtf8(line);
    const bool complete = text.endsWith(QLatin1Char('\n'));
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);

    QTextCharFormat format;
    format.setFontWeight(QFont::Bold);
    const QPalette palette = m_text->palette();
    format.setForeground(mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.6));

    cursor.insertText(text, format);
    inserted.characters += int(text.size());

    const QRegularExpressionMatch match = attemptPattern.match(text);
    if (match.hasMatch()) {
        QTextCursor header(cursor);
        header.movePosition(QTextCursor::StartOfBlock);
        const int number = match.captured(1).toInt();
        m_attempts.append(Attempt{number, header});
        m_attemptBox->addItem(tr("Attempt %1").arg(number));
    }
    if (complete) {
        cursor.insertText(QStringLiteral("\n"), QTextCharFormat());
        inserted.characters += 1;
        inserted.blocks += 1;
    }
}

void LogView::updateNotice()
{
    const qint64 hidden = m_skippedBytes + m_droppedCharacters;
    if (hidden <= 0) {
        m_notice->hide();
        return;
    }
    const QString size = QLocale().formattedDataSize(hidden, 1, QLocale::DataSizeTraditionalFormat);
    m_notice->setText(tr("… earlier output not shown (%1) — open the file to see all").arg(size));
    m_notice->show();
}

void LogView::setSearchText(const QString &text)
{
    m_searchEdit->setText(text);
}

QString LogView::searchText() const
{
    return m_searchEdit->text();
}

void LogView::updateMatches(bool moveToCurrent)
{
    const QString needle = m_searchEdit->text();
    m_matches.clear();
    if (!needle.isEmpty()) {
        const QString text = m_text->document()->toPlainText();
        qsizetype from = 0;
        while (m_matches.size() < MaxMatches) {
            const qsizetype at = text.indexOf(needle, from, Qt::CaseInsensitive);
            if (at < 0)
                break;
            m_matches.append(Match{int(at), int(needle.size())});
            from = at + needle.size();
        }
    }

    if (m_matches.isEmpty()) {
        m_currentMatch = -1;
    } else if (moveToCurrent) {
        // Start from what is on screen: the first match at or below its top.
        const int top = m_text->cursorForPosition(QPoint(0, 0)).position();
        m_currentMatch = int(m_matches.size()) - 1;
        for (int i = 0; i < m_matches.size(); ++i) {
            if (m_matches.at(i).position >= top) {
                m_currentMatch = i;
                break;
            }
        }
    } else {
        m_currentMatch = qBound(0, m_currentMatch, int(m_matches.size()) - 1);
    }
    applyHighlights();
    if (moveToCurrent)
        showCurrentMatch();
}

void LogView::findNext()
{
    if (m_matches.isEmpty())
        return;
    m_currentMatch = (m_currentMatch + 1) % int(m_matches.size());
    applyHighlights();
    showCurrentMatch();
}

void LogView::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    m_currentMatch = (m_currentMatch - 1 + int(m_matches.size())) % int(m_matches.size());
    applyHighlights();
    showCurrentMatch();
}

void LogView::showCurrentMatch()
{
    if (m_currentMatch < 0)
        return;
    const Match &match = m_matches.at(m_currentMatch);
    QTextCursor cursor(m_text->document());
    cursor.setPosition(match.position);
    cursor.setPosition(match.position + match.length, QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    m_following = m_text->verticalScrollBar()->value() >= m_text->verticalScrollBar()->maximum();
}

void LogView::applyHighlights()
{
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(m_matches.size());
    for (int i = 0; i < m_matches.size(); ++i) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_text->document());
        selection.cursor.setPosition(m_matches.at(i).position);
        selection.cursor.setPosition(m_matches.at(i).position + m_matches.at(i).length, QTextCursor::KeepAnchor);
        selection.format.setBackground(i == m_currentMatch ? QColor(255, 150, 50) : QColor(255, 235, 120));
        selection.format.setForeground(QColor(Qt::black));
        selections.append(selection);
    }
    m_text->setExtraSelections(selections);

    if (m_searchEdit->text().isEmpty())
        m_matchLabel->clear();
    else if (m_matches.isEmpty())
        m_matchLabel->setText(tr("No matches"));
    else
        m_matchLabel->setText(tr("%1 of %2").arg(m_currentMatch + 1).arg(m_matches.size()));
}

QStringList LogView::attempts() const
{
    QStringList names;
    for (int i = 1; i < m_attemptBox->count(); ++i)
        names.append(m_attemptBox->itemText(i));
    return names;
}

void LogView::showAttempt(int index)
{
    if (index < 0 || index >= m_attempts.size())
        return;
    // Via the end, so that scrolling up to the header leaves it at the top.
    QTextCursor end(m_text->document());
    end.movePosition(QTextCursor::End);
    m_text->setTextCursor(end);
    m_text->ensureCursorVisible();
    m_text->setTextCursor(m_attempts.at(index).header);
    m_text->ensureCursorVisible();
    m_following = m_text->verticalScrollBar()->value() >= m_text->verticalScrollBar()->maximum();
    m_attemptBox->setCurrentIndex(index + 1);
}

void LogView::onAttemptChosen(int comboIndex)
{
    if (comboIndex <= 0)
        scrollToEnd();
    else
        showAttempt(comboIndex - 1);
}

void LogView::openExternally()
{
    if (!m_path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_path));
}

} // namespace Orchestrator::Ui
