#include "views/conversationview.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "api/session.h"
#include "views/accents.h"
#include "views/viewparts.h"

namespace Orchestrator::Ui {

namespace {

// Starts a block for a new item: the document's first, empty block serves
// the first item, so the view has no blank line at its top.
void startBlock(QTextCursor &cursor, const QTextBlockFormat &format)
{
    if (cursor.position() == 0 && cursor.document()->characterCount() <= 1)
        cursor.setBlockFormat(format);
    else
        cursor.insertBlock(format);
}

QTextBlockFormat spaced(qreal top, qreal indent = 0)
{
    QTextBlockFormat format;
    format.setTopMargin(top);
    format.setLeftMargin(indent);
    return format;
}

} // namespace

ConversationView::ConversationView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(PollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &ConversationView::startRead);
    clear();
}

ConversationView::~ConversationView() = default;

void ConversationView::buildUi()
{
    m_placeholder = newPlaceholderLabel(this);

    m_attemptBox = newAttemptSelector(tr("Show the conversation of another attempt"), this);
    connect(m_attemptBox, &QComboBox::activated, this, [this](int index) {
        const int attempt = m_attemptBox->itemData(index).toInt();
        // The newest chosen: follow the newest again when another starts.
        m_selectedAttempt = index == m_attemptBox->count() - 1 ? 0 : attempt;
        if (attempt != m_attempt)
            startAttempt(attempt);
    });
    auto *attemptLabel = new QLabel(tr("&Attempt:"), this);
    attemptLabel->setBuddy(m_attemptBox);
    m_toolLabel = new QLabel(this);
    m_toolLabel->setObjectName(QStringLiteral("toolLabel"));

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("droppedNotice"));
    m_notice->setEnabled(false);
    m_notice->hide();

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(attemptLabel);
    header->addWidget(m_attemptBox);
    header->addSpacing(8);
    header->addWidget(m_toolLabel);
    header->addSpacing(8);
    header->addWidget(m_notice);
    header->addStretch(1);

    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("conversationText"));
    m_text->setOpenLinks(false);
    m_text->setUndoRedoEnabled(false);
    m_text->setAccessibleName(tr("Conversation"));
    m_text->document()->setDocumentMargin(8);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 4, 0, 0);
    contentLayout->addLayout(header);
    contentLayout->addWidget(m_text, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void ConversationView::clear()
{
    m_job = JobRecord();
    m_attempts.clear();
    m_attemptBox->clear();
    m_selectedAttempt = 0;
    startAttempt(0);
    setPlaceholder(tr("Select a job to see what its AI tool said and did."));
}

void ConversationView::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

QString ConversationView::placeholderText() const
{
    if (m_stack->currentWidget() == m_placeholder)
        return m_placeholder->text();
    return m_items.isEmpty() ? m_text->placeholderText() : QString();
}

QString ConversationView::plainText() const
{
    return m_text->toPlainText();
}

void ConversationView::setActive(bool active)
{
    m_active = active;
    if (active)
        startRead();
    else
        m_pollTimer.stop();
}

bool ConversationView::mayRead() const
{
    return m_active && m_reader && !m_reading;
}

void ConversationView::showJob(const JobRecord &job, const JobDetails *details)
{
    if (job.jobId != m_job.jobId)
        clear();
    m_job = job;
    if (job.attempts == 0 && (!details || details->attempts.isEmpty())) {
        setPlaceholder(tr("No attempt yet: the conversation shows here once the job's tool starts."));
        return;
    }
    if (job.logFile.isEmpty() || !QFileInfo::exists(job.logFile)) {
        setPlaceholder(tr("The log of this job is not on this machine (it ran on another one), so its conversation "
                          "cannot be read here; the Log tab shows its output."));
        return;
    }
    QList<int> attempts;
    if (details) {
        for (const AttemptRecord &attempt : details->attempts)
            attempts.append(attempt.attempt);
    } else if (m_attempts.isEmpty()) {
        for (int i = 1; i <= job.attempts; ++i)
            attempts.append(i);
    } else {
        attempts = m_attempts;
    }
    if (attempts.isEmpty())
        return;
    setAttempts(attempts);
    const int wanted = m_selectedAttempt > 0 && attempts.contains(m_selectedAttempt) ? m_selectedAttempt : attempts.last();
    if (wanted != m_attempt)
        startAttempt(wanted);
    else if (!m_ended)
        startRead(); // the attempt may have written more, or its end
}

void ConversationView::setAttempts(const QList<int> &attempts)
{
    if (attempts == m_attempts)
        return;
    m_attempts = attempts;
    m_attemptBox->clear();
    for (int attempt : attempts)
        m_attemptBox->addItem(tr("Attempt %1").arg(attempt), attempt);
    m_attemptBox->setCurrentIndex(int(m_attempts.indexOf(m_attempt)));
    m_attemptBox->setEnabled(attempts.size() > 1);
}

void ConversationView::startAttempt(int attempt)
{
    m_pollTimer.stop();
    // A read in flight finishes on the old reader and is ignored.
    m_reading = nullptr;
    m_attempt = attempt;
    m_ended = false;
    m_known = false;
    m_items.clear();
    m_itemStarts.clear();
    m_dropped = 0;
    m_text->clear();
    m_toolLabel->clear();
    updateNotice();
    m_reader.reset();
    if (attempt <= 0 || m_job.logFile.isEmpty())
        return;
    m_attemptBox->setCurrentIndex(int(m_attempts.indexOf(attempt)));
    m_reader = std::make_shared<ConversationReader>(m_job.logFile, attempt);
    m_text->setPlaceholderText(tr("Reading the log…"));
    m_stack->setCurrentIndex(1);
    startRead();
}

void ConversationView::startRead()
{
    if (!mayRead())
        return;
    m_pollTimer.stop();
    auto *watcher = new QFutureWatcher<ConversationBatch>(this);
    m_reading = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_reading)
            return; // for an attempt no longer shown
        m_reading = nullptr;
        onRead(watcher->result());
    });
    // Only the read in flight touches the reader: one at a time.
    watcher->setFuture(QtConcurrent::run([reader = m_reader] { return reader->readMore(); }));
}

void ConversationView::onRead(const ConversationBatch &batch)
{
    if (batch.truncated) {
        // The log was replaced (the job ran again from scratch): start over.
        startAttempt(m_attempt);
        return;
    }
    if (batch.hasConversation && !m_known) {
        m_known = true;
        m_toolLabel->setText(batch.tool);
        if (!*batch.hasConversation) {
            setPlaceholder(tr("This tool's output has no conversation; see the Log tab."));
            m_ended = true;
            return;
        }
    }
    apply(batch);
    m_ended = batch.ended;
    if (m_items.isEmpty()) {
        m_text->setPlaceholderText(!m_known  ? tr("Waiting for attempt %1 to start…").arg(m_attempt)
                                   : m_ended ? tr("The tool reported no messages, commands or file changes in this attempt.")
                                             : tr("Waiting for the tool's first message…"));
    }
    if (batch.backlog)
        startRead();
    else if (!m_ended && !isFinal(m_job.state))
        m_pollTimer.start();
}

void ConversationView::apply(const ConversationBatch &batch)
{
    bool redrawAll = false;
    if (batch.droppedItems > m_dropped) {
        m_items.remove(0, qMin<qsizetype>(batch.droppedItems - m_dropped, m_items.size()));
        m_dropped = batch.droppedItems;
        redrawAll = true;
        updateNotice();
    }
    if (batch.firstChanged < 0 && !redrawAll)
        return;
    qsizetype from = m_items.size();
    if (batch.firstChanged >= 0) {
        from = qBound<qsizetype>(0, batch.firstChanged - m_dropped, m_items.size());
        m_items.resize(from);
        m_items.append(batch.items);
    }
    render(redrawAll ? 0 : from);
}

void ConversationView::render(qsizetype from)
{
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 4;
    const int value = bar->value();

    QTextDocument *document = m_text->document();
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    const int start = from < m_itemStarts.size() ? m_itemStarts.at(from) : document->characterCount() - 1;
    cursor.setPosition(start);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    m_itemStarts.resize(from);
    for (qsizetype i = from; i < m_items.size(); ++i) {
        m_itemStarts.append(cursor.position());
        renderItem(cursor, m_items.at(i));
    }
    cursor.endEditBlock();

    if (follow)
        bar->setValue(bar->maximum());
    else
        bar->setValue(value);
}

void ConversationView::renderItem(QTextCursor &cursor, const ConversationItem &item)
{
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const Accents colours = accents(palette);
    QTextCharFormat plain;
    plain.setForeground(text);
    QTextCharFormat dim = plain;
    dim.setForeground(mix(text, base, 0.6));
    QTextCharFormat mono = plain;
    mono.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QTextCharFormat good = mono;
    good.setForeground(readable(colours.added, text, base));
    QTextCharFormat bad = mono;
    bad.setForeground(readable(colours.removed, text, base));
    QTextCharFormat waiting = mono;
    waiting.setForeground(dim.foreground());

    const QTextCharFormat &mark = item.status == ConversationItem::Status::Failed ? bad
        : item.status == ConversationItem::Status::Running                      ? waiting
                                                                                : good;
    const QString sign = item.status == ConversationItem::Status::Failed ? QStringLiteral("✗ ")
        : item.status == ConversationItem::Status::Running               ? QStringLiteral("… ")
                                                                         : QStringLiteral("✓ ");
    switch (item.kind) {
    case ConversationItem::Kind::Message:
        startBlock(cursor, spaced(10));
        cursor.insertText(item.text, plain);
        break;
    case ConversationItem::Kind::Command: {
        startBlock(cursor, spaced(6));
        cursor.insertText(sign, mark);
        // One line per command: a script's line breaks would read as output.
        QString command = item.text;
        command.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        cursor.insertText(QStringLiteral("$ ") + command, mono);
        if (item.exitCode)
            cursor.insertText(QStringLiteral("   ") + tr("exit %1").arg(*item.exitCode), dim);
        else if (item.status == ConversationItem::Status::Running)
            cursor.insertText(QStringLiteral("   ") + tr("running"), dim);
        break;
    }
    case ConversationItem::Kind::FileChange:
        startBlock(cursor, spaced(6));
        cursor.insertText(sign, mark);
        cursor.insertText(item.paths.size() == 1 ? tr("File changed") : tr("Files changed"), dim);
        for (const QString &path : item.paths) {
            cursor.insertBlock(spaced(0, 24));
            cursor.insertText(path, mono);
        }
        break;
    }
}

void ConversationView::updateNotice()
{
    m_notice->setVisible(m_dropped > 0);
    m_notice->setText(tr("%n older item(s) not shown: the conversation keeps the newest ones.", "", int(m_dropped)));
}

void ConversationView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The marks' colours follow the palette: a theme switch redraws them.
    if (event->type() == QEvent::PaletteChange && m_text && !m_items.isEmpty())
        render(0);
}

} // namespace Orchestrator::Ui
