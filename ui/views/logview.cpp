#include "logview.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "views/accents.h"

namespace Orchestrator::Ui {

namespace {

constexpr int DefaultMaximumLines = 50000;
// Highlighting more than this many matches would cost more than it tells.
constexpr int MaxMatches = 5000;
// One slice of appending stops taking more text after this long; the layout
// of what it added and the repaint come on top. Another slice follows in the
// next turn of the event loop.
constexpr qint64 SliceBudgetNs = 8'000'000;
// Text is inserted in pieces of at most this many characters, so that a slice
// can stop near its budget; a slice inserts at most SliceCharacters, so the
// document never runs far over LogView::MaxCharacters before a drop.
constexpr qsizetype InsertCharacters = 32 * 1024;
constexpr int SliceCharacters = 128 * 1024;
// Old lines are dropped until the document is this far under
// LogView::MaxCharacters.
constexpr int DropCharacters = 256 * 1024;
// No further read while this much read text waits to be inserted.
constexpr qint64 MaxPendingCharacters = 2 * LogView::ChunkSize;
// Matches in appended output are found again at most this often.
constexpr int MatchInterval = 200; // ms

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &LogView::startRead);
    m_appendTimer.setSingleShot(true);
    m_appendTimer.setInterval(0);
    connect(&m_appendTimer, &QTimer::timeout, this, &LogView::appendPending);
    m_matchTimer.setSingleShot(true);
    m_matchTimer.setInterval(MatchInterval);
    connect(&m_matchTimer, &QTimer::timeout, this, [this] { updateMatches(false); });
}

LogView::~LogView() = default;

void LogView::buildUi()
{
    m_attemptBox = new QComboBox(this);
    m_attemptBox->setObjectName(QStringLiteral("attemptSelector"));
    m_attemptBox->addItem(tr("All attempts"));
    m_attemptBox->setToolTip(tr("Jump to the start of an attempt"));
    m_attemptBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_attemptBox->setMinimumContentsLength(8);
    connect(m_attemptBox, &QComboBox::activated, this, &LogView::onAttemptChosen);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    // On a small screen the search field gives way before the window widens.
    m_searchEdit->setMinimumWidth(80);
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
    m_search = std::make_unique<TextSearch>(m_text, m_matchLabel, MaxMatches);

    QScrollBar *bar = m_text->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) { setFollowing(value >= bar->maximum()); });
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
            setFollowing(bar->value() >= bar->maximum());
    });
    // Not a row of the layout: over the text, so it never moves a line.
    m_jumpToEnd = new QToolButton(m_text);
    m_jumpToEnd->setObjectName(QStringLiteral("jumpToEnd"));
    m_jumpToEnd->setText(tr("Following paused — jump to end"));
    m_jumpToEnd->setToolTip(tr("New output is not followed while you read above it; jump to the end to follow again (Ctrl+End)"));
    m_jumpToEnd->setAutoRaise(false);
    m_jumpToEnd->setCursor(Qt::PointingHandCursor);
    m_jumpToEnd->hide();
    connect(m_jumpToEnd, &QToolButton::clicked, this, &LogView::scrollToEnd);
    m_text->installEventFilter(this);

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
    // Another job's log starts without the last one's search.
    if (path != m_path)
        m_searchEdit->clear();
    m_path = path;
    restart();
    if (!m_path.isEmpty()) {
        m_tail = std::make_shared<LogTail>(m_path);
        m_text->setPlaceholderText(tr("No output yet."));
        m_pollTimer.start(0);
    }
}

void LogView::clear()
{
    m_path.clear();
    restart();
}

void LogView::restart()
{
    m_pollTimer.stop();
    m_appendTimer.stop();
    m_matchTimer.stop();
    // A read still in flight finishes on the old tail and is ignored.
    m_tail.reset();
    m_reading = nullptr;
    m_backlog = false;
    m_pending.clear();
    m_pendingOffset = 0;
    m_pendingCharacters = 0;
    m_skippedBytes = 0;
    m_droppedCharacters = 0;
    m_attempts.clear();
    while (m_attemptBox->count() > 1)
        m_attemptBox->removeItem(m_attemptBox->count() - 1);
    m_search->clear();
    m_text->clear();
    m_text->setUndoRedoEnabled(false);
    m_text->setPlaceholderText({});
    setFollowing(true);
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
    setFollowing(true);
    QScrollBar *bar = m_text->verticalScrollBar();
    bar->setValue(bar->maximum());
}

QWidget *LogView::followIndicator() const { return m_jumpToEnd; }

void LogView::setFollowing(bool following)
{
    m_following = following;
    const bool show = !following && !m_path.isEmpty();
    if (show == m_jumpToEnd->isVisible())
        return;
    if (show)
        placeFollowIndicator();
    m_jumpToEnd->setVisible(show);
}

void LogView::placeFollowIndicator()
{
    const QRect area = m_text->viewport()->geometry();
    const QSize size = m_jumpToEnd->sizeHint();
    m_jumpToEnd->setGeometry(area.right() - size.width() - 8, area.bottom() - size.height() - 8, size.width(), size.height());
}

bool LogView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text && event->type() == QEvent::Resize && m_jumpToEnd->isVisible())
        placeFollowIndicator();
    return QWidget::eventFilter(watched, event);
}

QString LogView::droppedNotice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void LogView::startRead()
{
    if (!m_tail || m_reading)
        return;
    m_pollTimer.stop();
    auto *watcher = new QFutureWatcher<LogBatch>(this);
    m_reading = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_reading)
            return; // for a file or a start that is gone
        m_reading = nullptr;
        onRead(watcher->result());
    });
    // The tail is only touched by the read in flight: one at a time.
    watcher->setFuture(QtConcurrent::run([tail = m_tail] { return tail->readMore(); }));
}

void LogView::readIfRoom()
{
    // A backlog is read in further bounded chunks without waiting, so a large
    // tail loads quickly; the queue bounds how far reading runs ahead.
    if (m_backlog && m_pendingCharacters < MaxPendingCharacters)
        startRead();
}

void LogView::onRead(const LogBatch &batch)
{
    if (batch.truncated) {
        // Truncated or replaced: show the new file from its start.
        setLogFile(m_path);
        return;
    }
    if (batch.skippedBytes != m_skippedBytes) {
        m_skippedBytes = batch.skippedBytes;
        updateNotice();
    }
    for (const LogRun &run : batch.runs)
        m_pendingCharacters += run.text.size();
    m_pending.append(batch.runs);
    if (!m_pending.isEmpty() && !m_appendTimer.isActive())
        m_appendTimer.start();
    m_backlog = batch.backlog;
    if (m_backlog)
        readIfRoom();
    else
        m_pollTimer.start(PollInterval);
}

void LogView::appendPending()
{
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool follow = m_following;
    const int value = bar->value();
    // Dropping old lines is a turn of its own: together with an insertion
    // it would be one edit at both ends of the document, after which the
    // layout forgets every line in between.
    if (!dropOldestCharacters())
        insertSlice();
    if (follow)
        scrollToEnd();
    else
        bar->setValue(value);
    if (!m_searchEdit->text().isEmpty() && !m_matchTimer.isActive())
        m_matchTimer.start();
    if (!m_pending.isEmpty() || m_text->document()->characterCount() > LogView::MaxCharacters)
        m_appendTimer.start();
    readIfRoom();
}

void LogView::insertSlice()
{
    QElapsedTimer clock;
    clock.start();
    QTextDocument *document = m_text->document();
    // Inside one edit block the document is laid out once, when it ends.
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    // setPosition, unlike movePosition, lays out no block.
    cursor.setPosition(document->characterCount() - 1);
    const int charactersBefore = document->characterCount();
    while (!m_pending.isEmpty() && clock.nsecsElapsed() < SliceBudgetNs
           && document->characterCount() - charactersBefore < SliceCharacters)
        insertPending(cursor);
    const int blocks = document->blockCount();
    const int characters = document->characterCount();
    cursor.endEditBlock();

    // The line limit dropped the oldest lines as the edit ended: say so.
    if (document->blockCount() < blocks) {
        m_droppedCharacters += qMax(0, characters - document->characterCount());
        updateNotice();
    }
}

void LogView::insertPending(QTextCursor &cursor)
{
    const LogRun &run = m_pending.first();
    if (run.kind == LogRun::Kind::LineReset) {
        cursor.setPosition(cursor.block().position(), QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
    } else {
        if (m_pendingOffset == 0 && run.attempt > 0) {
            // Headers start at a line start; this cursor stays there.
            QTextCursor header(cursor);
            header.setKeepPositionOnInsert(true);
            m_attempts.append(Attempt{run.attempt, header});
            m_attemptBox->addItem(tr("Attempt %1").arg(run.attempt));
        }
        const qsizetype remaining = run.text.size() - m_pendingOffset;
        qsizetype take = qMin(remaining, InsertCharacters);
        // Never between the two halves of a surrogate pair.
        if (take < remaining && run.text.at(m_pendingOffset + take - 1).isHighSurrogate())
            ++take;
        cursor.insertText(run.text.sliced(m_pendingOffset, take),
                          run.kind == LogRun::Kind::Header ? headerFormat() : run.format.toCharFormat());
        m_pendingOffset += take;
        if (m_pendingOffset < run.text.size())
            return;
    }
    m_pendingCharacters -= run.text.size();
    m_pendingOffset = 0;
    m_pending.removeFirst();
}

bool LogView::dropOldestCharacters()
{
    QTextDocument *document = m_text->document();
    if (document->characterCount() <= LogView::MaxCharacters)
        return false;
    // Whole lines, down to some way below the limit: every removal makes the
    // document copy all the text it keeps, so it is not done for every slice.
    QTextBlock last = document->findBlock(document->characterCount() - LogView::MaxCharacters + DropCharacters);
    if (!last.next().isValid())
        return false; // one line alone: the line-length pieces keep it bounded
    // The removing cursor would lay out the line it ends on (setX) unless an
    // edit around it is still open; this one ends on the last line, which is
    // laid out anyway.
    QTextCursor end(document);
    end.setPosition(document->characterCount() - 1);
    end.beginEditBlock();
    QTextCursor cursor(document);
    cursor.setPosition(last.next().position(), QTextCursor::KeepAnchor);
    const int removed = cursor.selectionEnd() - cursor.selectionStart();
    cursor.removeSelectedText();
    end.endEditBlock();
    m_droppedCharacters += removed;
    updateNotice();
    return true;
}

QTextCharFormat LogView::headerFormat() const
{
    QTextCharFormat format;
    format.setFontWeight(QFont::Bold);
    const QPalette palette = m_text->palette();
    format.setForeground(mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.6));
    return format;
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
    m_matchTimer.stop();
    m_search->update(m_searchEdit->text(), moveToCurrent);
    if (moveToCurrent && m_search->current() >= 0)
        followIfAtEnd();
}

void LogView::updateStaleMatches()
{
    // Appended output moved the text under the matches found last.
    if (m_matchTimer.isActive())
        updateMatches(false);
}

void LogView::findNext()
{
    updateStaleMatches();
    if (m_search->next())
        followIfAtEnd();
}

void LogView::findPrevious()
{
    updateStaleMatches();
    if (m_search->previous())
        followIfAtEnd();
}

void LogView::followIfAtEnd()
{
    // A match shown at the very end keeps following; one above stops it.
    setFollowing(m_text->verticalScrollBar()->value() >= m_text->verticalScrollBar()->maximum());
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
    setFollowing(m_text->verticalScrollBar()->value() >= m_text->verticalScrollBar()->maximum());
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
