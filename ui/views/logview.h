#pragma once

#include <memory>

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextCursor>
#include <QTimer>
#include <QWidget>

#include "views/logtail.h"
#include "views/textsearch.h"

template<typename T>
class QFutureWatcher;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextCharFormat;
class QToolButton;

namespace Orchestrator::Ui {

// Shows a job's log file and tails it while the job runs. The file is read
// and parsed off the GUI thread (LogTail on the global thread pool, one read
// at a time), in chunks of at most ChunkSize bytes cut at line breaks; a large
// file opens at its last InitialTail bytes. The runs a read produces wait in a
// bounded queue (no further read while it holds two chunks) and are inserted
// on the GUI thread in slices of a few milliseconds each, so the event loop
// runs between them however hostile the output. ANSI colours are applied and
// other escapes removed. The view follows new output only while it is
// scrolled to the bottom. Lines longer than 4 K characters are shown in
// pieces, and the document keeps at most about MaxCharacters characters. Output
// that is not shown (the skipped head of a large file, lines dropped by the
// line or character limit) is announced in a notice above the text.
class LogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    static constexpr qint64 ChunkSize = LogTail::ChunkSize;
    static constexpr qint64 InitialTail = LogTail::InitialTail;
    static constexpr int PollInterval = 250; // ms
    // Older lines are dropped beyond this. Not more: without undo, QTextDocument
    // copies all the text it keeps when it compacts its buffer after removals,
    // and again on the next append, each time inside one GUI event. Following
    // a fast tool on a 2-core VM, the longest event took 26-40 ms with 4 M
    // characters kept, 10-21 ms with 1 M (bench/gui/logfollow.cpp). The
    // notice offers the whole file.
    static constexpr int MaxCharacters = 1024 * 1024;

    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    // Shows `path` from its tail and follows it; an empty path clears.
    void setLogFile(const QString &path);
    QString logFile() const { return m_path; }
    // Forgets the file and stops tailing.
    void clear();

    // The document keeps at most this many lines; older ones are dropped.
    void setMaximumLineCount(int lines);
    int maximumLineCount() const;

    QPlainTextEdit *textView() const { return m_text; }
    bool isFollowing() const { return m_following; }
    // "Following paused — jump to end": shown over the text's bottom right
    // while the view is scrolled up from output it would otherwise follow.
    QWidget *followIndicator() const;
    void scrollToEnd();

    // The notice about output that is not shown; empty when all is shown.
    QString droppedNotice() const;

    // Search: every match highlighted, the current one selected and visible.
    void setSearchText(const QString &text);
    QString searchText() const;
    int matchCount() const { return m_search->count(); }
    int currentMatch() const { return m_search->current(); } // -1 without matches
    void findNext();
    void findPrevious();

    // One entry per attempt header seen, e.g. "Attempt 2"; showAttempt(i)
    // scrolls to the header of attempts().at(i).
    QStringList attempts() const;
    void showAttempt(int index);

private:
    struct Attempt
    {
        int number = 0;
        QTextCursor header; // follows the text as old lines are dropped
    };

    void buildUi();
    void restart();
    void startRead();
    void readIfRoom();
    void onRead(const LogBatch &batch);
    void appendPending();
    void insertSlice();
    void insertPending(QTextCursor &cursor);
    bool dropOldestCharacters();
    QTextCharFormat headerFormat() const;
    void updateNotice();
    void updateMatches(bool moveToCurrent);
    void updateStaleMatches();
    void followIfAtEnd();
    void setFollowing(bool following);
    void placeFollowIndicator();
    void onAttemptChosen(int comboIndex);
    void openExternally();

    QString m_path;
    QTimer m_pollTimer;
    std::shared_ptr<LogTail> m_tail;                // the reads' state; a read in flight shares it
    QFutureWatcher<LogBatch> *m_reading = nullptr;  // the read for m_tail in flight, if any
    bool m_backlog = false;                         // the last read left bytes behind
    QList<LogRun> m_pending;                        // read, not inserted yet
    qsizetype m_pendingOffset = 0;                  // inserted part of m_pending.first()
    qint64 m_pendingCharacters = 0;
    QTimer m_appendTimer;                           // the next slice of m_pending
    QTimer m_matchTimer;                            // matches in appended output, coalesced
    qint64 m_skippedBytes = 0;      // head of the file never read
    qint64 m_droppedCharacters = 0; // shown, then dropped by the line limit
    bool m_following = true;
    QList<Attempt> m_attempts;
    std::unique_ptr<TextSearch> m_search;           // made in buildUi()

    QPlainTextEdit *m_text = nullptr;
    QLabel *m_notice = nullptr;
    QComboBox *m_attemptBox = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_matchLabel = nullptr;
    QToolButton *m_jumpToEnd = nullptr;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace Orchestrator::Ui
