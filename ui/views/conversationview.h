#pragma once

#include <memory>

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include "api/conversationreader.h"
#include "core/records.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTextBrowser;
class QTextCursor;
template<typename T>
class QFutureWatcher;

namespace Orchestrator {
struct JobDetails;
}

namespace Orchestrator::Ui {

// The Conversation tab: what an AI tool's attempt said and did, read from the
// job's log by an engine/api ConversationReader off the GUI thread, in
// bounded chunks. Assistant messages are text blocks, commands monospace
// lines with ✓ or ✗ and their exit code, file changes a list of paths. While
// the attempt runs it follows new items (staying put when the user scrolled
// up); items that change (a command that finished) are redrawn in place. A
// tool without an event stream (git, a shell command) has no conversation:
// the tab says so. Reads only while the tab is visible.
class ConversationView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationView)

public:
    static constexpr int PollInterval = 300; // ms, while the attempt runs

    explicit ConversationView(QWidget *parent = nullptr);
    ~ConversationView() override;

    // The selected job as the jobs table has it, with its details once they
    // are known (the attempts' numbers; null: not yet).
    void showJob(const Orchestrator::JobRecord &job, const Orchestrator::JobDetails *details);
    // No job selected.
    void clear();
    // Reads only while the tab is shown.
    void setActive(bool active);

    // What the view shows, for tests and screen readers.
    QString placeholderText() const; // empty while items are shown
    const QList<Orchestrator::ConversationItem> &items() const { return m_items; }
    QString plainText() const;
    int shownAttempt() const { return m_attempt; }
    QComboBox *attemptSelector() const { return m_attemptBox; }
    QTextBrowser *textView() const { return m_text; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void setPlaceholder(const QString &text);
    void setAttempts(const QList<int> &attempts);
    void startAttempt(int attempt);
    void startRead();
    void onRead(const Orchestrator::ConversationBatch &batch);
    void apply(const Orchestrator::ConversationBatch &batch);
    void render(qsizetype from);
    void renderItem(QTextCursor &cursor, const Orchestrator::ConversationItem &item);
    void updateNotice();
    bool mayRead() const;

    QComboBox *m_attemptBox = nullptr;
    QLabel *m_toolLabel = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_placeholder = nullptr;
    QTextBrowser *m_text = nullptr;
    QStackedWidget *m_stack = nullptr;

    Orchestrator::JobRecord m_job;
    QList<int> m_attempts;           // the job's attempt numbers, oldest first
    int m_selectedAttempt = 0;       // the one the user chose; 0: the newest
    int m_attempt = 0;               // the one shown
    std::shared_ptr<Orchestrator::ConversationReader> m_reader;
    QPointer<QFutureWatcher<Orchestrator::ConversationBatch>> m_reading;
    QTimer m_pollTimer;
    bool m_active = false;
    bool m_ended = false;            // the attempt's end was read
    bool m_known = false;            // the attempt's header was read
    QList<Orchestrator::ConversationItem> m_items;
    QList<int> m_itemStarts;         // where each item's text begins in the document
    qsizetype m_dropped = 0;         // items before m_items that the reader no longer keeps
};

} // namespace Orchestrator::Ui
