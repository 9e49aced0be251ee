#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

#include "views/textsearch.h"

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextCharFormat;
class QTreeView;

namespace Orchestrator::Ui {

class ChangedFilesModel;

// One file an attempt changed, as `git diff --numstat -M` reports it.
struct ChangedFile
{
    QString path;    // the path after the change
    QString oldPath; // the path before a rename; empty otherwise
    int insertions = 0;
    int deletions = 0;
    bool binary = false;
    bool outOfScope = false; // outside the files the job declared it would touch
};

// What one attempt left in the job's worktree: its commits, its files and
// the unified diff between them.
struct AttemptChanges
{
    int attempt = 0;
    QString baseCommit;
    QString resultCommit;
    QList<ChangedFile> files;
    QByteArray diff; // unified git diff, base..result
    bool landed = false;
    QString landedCommit;
};

// The Changes tab: what one job's attempt changed in its git worktree. It
// shows data it is given and asks for actions through signals; it runs no
// git itself. A large diff is rendered only up to MaxDiffBytes or
// MaxDiffLines (whole lines, each cut at MaxLineLength characters), built as
// one document with block formats, so a 5 MB diff costs no more than a 2 MB
// one; what is not shown is announced above the text with a way to the
// terminal.
class ChangesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesView)

public:
    static constexpr qsizetype MaxDiffBytes = 2 * 1024 * 1024;
    static constexpr int MaxDiffLines = 20000;
    static constexpr int MaxLineLength = 4096;

    // Kinds of diff lines, each with its own format.
    enum class LineKind { Context, Added, Removed, Hunk, FileHeader };

    explicit ChangesView(QWidget *parent = nullptr);
    ~ChangesView() override;

    // Shows `attempts` of `jobId`, with the attempt numbered `selectedAttempt`
    // (the last one when there is none of that number) selected. An empty
    // `worktreePath` disables the open actions.
    void setJob(const QString &jobId, const QString &worktreePath, const QString &branch,
                const QList<AttemptChanges> &attempts, int selectedAttempt);
    // Replaces the attempt with the same number, e.g. when its diff arrives
    // after attemptSelected; re-rendered when it is the one shown.
    void updateAttempt(const AttemptChanges &changes);
    // Forgets the job and shows the default placeholder.
    void clear();
    // Shows `text` instead of the changes ("Loading…", "This job did not run
    // in a worktree"); setJob shows the changes again.
    void setPlaceholder(const QString &text);
    QString placeholder() const; // empty while changes are shown

    // Land and Discard; when one is disabled its tooltip says why.
    void setActionsEnabled(bool canLand, bool canDiscard, const QString &whyNotLand = {},
                           const QString &whyNotDiscard = {});

    // "+12 −3 in 2 files", the summary the header shows.
    static QString summary(const AttemptChanges &changes);
    // That summary's message: %1 insertions, %2 deletions, %3 files (when not 1).
    static QString summaryFormat(int files);

    QString jobId() const { return m_jobId; }
    int selectedAttempt() const; // the attempt number shown, 0 without one
    QString headerText() const;  // branch, commits, summary and badge as plain text

    // Scrolls the diff to `path`'s section and selects it in the list;
    // false when the section is not in the rendered part of the diff.
    bool showFile(const QString &path);
    bool isDiffTruncated() const { return m_truncated; }
    QString truncationNotice() const;

    // Search in the diff: every match highlighted, the current one selected.
    void setSearchText(const QString &text);
    QString searchText() const;
    int matchCount() const { return m_search->count(); }
    int currentMatch() const { return m_search->current(); } // -1 without matches
    void findNext();
    void findPrevious();

    QTreeView *fileView() const { return m_files; }
    QAbstractItemModel *fileModel() const;
    QPlainTextEdit *diffView() const { return m_diff; }

    // The formats of each kind of diff line for the current palette.
    QTextCharFormat lineFormat(LineKind kind) const;

Q_SIGNALS:
    void landRequested(const QString &jobId);
    void discardRequested(const QString &jobId);
    void openWorktreeRequested(const QString &path);
    void openTerminalRequested(const QString &path);
    void attemptSelected(const QString &jobId, int attempt);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    QWidget *buildHeader();
    QWidget *buildFindBar();
    void showAttempt(int index);
    void updateHeader();
    void renderDiff();
    void onFileActivated(const QModelIndex &index);
    void updateMatches();
    void updatePaletteDependents();

    QString m_jobId;
    QString m_worktreePath;
    QString m_branch;
    QList<AttemptChanges> m_attempts;
    int m_current = -1;          // index into m_attempts
    QHash<QString, int> m_sections; // file path → block number of its "diff --git" line
    bool m_truncated = false;
    std::unique_ptr<TextSearch> m_search;   // made in buildUi()

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QComboBox *m_attemptBox = nullptr;
    QLabel *m_branchLabel = nullptr;
    QLabel *m_commitsLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_landedBadge = nullptr;
    QTreeView *m_files = nullptr;
    ChangedFilesModel *m_model = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_matchLabel = nullptr;
    QLabel *m_notice = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QPushButton *m_land = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_openWorktree = nullptr;
    QPushButton *m_openTerminal = nullptr;
};

} // namespace Orchestrator::Ui
