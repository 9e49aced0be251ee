#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextCursor>
#include <QTimer>
#include <QWidget>

#include "views/ansiparser.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextCharFormat;

namespace Orchestrator::Ui {

// Shows a job's log file and tails it while the job runs. Reads are bounded
// on the GUI thread: at most ChunkSize bytes per tick, and a large file opens
// at its last InitialTail bytes. Text is appended in one chunk per tick, cut at
// the last line break (the partial line waits for its rest, or is shown when
// the file stops growing), with ANSI colours applied and other escapes
// removed. The view follows new output only while it is scrolled to the
// bottom. Lines longer than 16 K characters are shown in pieces, and the
// document keeps about 2 * InitialTail characters. Output that is not shown
// (the skipped head of a large file, lines dropped by the line or character
// limit) is announced in a notice above the text.
class LogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    static constexpr qint64 ChunkSize = 256 * 1024;
    static constexpr qint64 InitialTail = 2 * 1024 * 1024;
    static constexpr int PollInterval = 250; // ms

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
    void scrollToEnd();

    // The notice about output that is not shown; empty when all is shown.
    QString droppedNotice() const;

    // Search: every match highlighted, the current one selected and visible.
    void setSearchText(const QString &text);
    QString searchText() const;
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_currentMatch; } // -1 without matches
    void findNext();
    void findPrevious();

    // One entry per attempt header seen, e.g. "Attempt 2"; showAttempt(i)
    // scrolls to the header of attempts().at(i).
    QStringList attempts() const;
    void showAttempt(int index);

private:
    struct Match
    {
        int position = 0;
        int length = 0;
    };
    struct Attempt
    {
        int number = 0;
        QTextCursor header; // follows the text as old lines are dropped
    };
    struct Insertion
    {
        int blocks = 0;
        int characters = 0;
    };

    void buildUi();
    void restart();
    void poll();
    void consume(QByteArray data);
    void flushPartialLine();
    void render(QByteArrayView bytes);
    void renderOutput(QTextCursor &cursor, QByteArrayView bytes, Insertion &inserted);
    void renderHeader(QTextCursor &cursor, QByteArrayView line, Insertion &inserted);
    void insertOutput(QTextCursor &cursor, const QString &text, const QTextCharFormat &format, Insertion &inserted);
    void dropOldestCharacters();
    void updateNotice();
    void updateMatches(bool moveToCurrent);
    void showCurrentMatch();
    void applyHighlights();
    void onAttemptChosen(int comboIndex);
    void openExternally();

    QString m_path;
    QTimer m_timer;
    AnsiParser m_parser;
    qint64 m_offset = 0;
    bool m_started = false;
    bool m_skipToLineStart = false; // the tail began mid-line
    bool m_atLineStart = true;      // the document ends with a complete line
    QByteArray m_carry;             // read, but its line is not complete yet
    qint64 m_skippedBytes = 0;      // head of the file never read
    qint64 m_droppedCharacters = 0; // shown, then dropped by the line limit
    bool m_following = true;
    QList<Attempt> m_attempts;
    QList<Match> m_matches;
    int m_currentMatch = -1;

    QPlainTextEdit *m_text = nullptr;
    QLabel *m_notice = nullptr;
    QComboBox *m_attemptBox = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_matchLabel = nullptr;
};

} // namespace Orchestrator::Ui
