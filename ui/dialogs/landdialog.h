#pragma once

#include <QDialog>
#include <QString>

#include "api/enginetypes.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace Orchestrator {
class Session;
}

namespace Orchestrator::Ui {

// "Land run…": what landing a run's worktree jobs would do, then what it
// did. It opens with a dry run (Session::land, dryRun): the jobs in landing
// order with their change and the prediction (will land, nothing to land,
// conflict with these files, not landable and why), into the branch the run
// started on. Another branch or Squash asks again. Land runs it for real
// and the same table then says what happened to each job. Nothing here
// waits: every answer comes from the session, and one about a question no
// longer current is dropped. Errors of the engine are shown in the dialog.
class LandDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LandDialog)

public:
    enum Column { JobColumn, ChangeColumn, ResultColumn, ColumnCount };

    // `scope` names the run (runId) or the jobs (jobIds) to land.
    LandDialog(Orchestrator::Session *session, const Orchestrator::LandRequest &scope, QWidget *parent = nullptr);
    ~LandDialog() override;

    // What one job's land did, or on a dry run would do, in words.
    static QString entryText(const Orchestrator::LandEntry &entry, bool dryRun);
    // One line about a whole land (or dry run): how many jobs, which branch, where it stopped.
    static QString resultSummary(const Orchestrator::LandResult &result);

    QTreeWidget *entriesView() const { return m_entries; }
    QComboBox *branchBox() const { return m_branch; }
    QCheckBox *squashBox() const { return m_squash; }
    QPushButton *landButton() const { return m_land; }
    QString summaryText() const;
    QString errorText() const;   // empty without an error
    bool isBusy() const { return m_busy; }
    bool hasLanded() const { return m_landed; }

Q_SIGNALS:
    // The land ran (not a dry run); the jobs it landed also come through the feed.
    void landed(const Orchestrator::LandResult &result);

private:
    void predict();
    void land();
    // The branch and squash shown are those the prediction shown was asked with.
    bool matchesPrediction() const;
    Orchestrator::LandRequest request(bool dryRun) const;
    void setBusy(bool busy, const QString &what = {});
    void showResult(const Orchestrator::LandResult &result);
    void showError(const QString &text);
    void updateLandButton();

    Orchestrator::Session *m_session;
    Orchestrator::LandRequest m_scope;
    quint64 m_asked = 0;          // the last question; answers to older ones are dropped
    QString m_predictedBranch;    // the branch text and squash of the prediction shown
    bool m_predictedSquash = false;
    bool m_busy = false;
    bool m_canLand = false;       // the prediction shown lands at least one job (see matchesPrediction)
    bool m_landed = false;        // the land ran: the table shows what it did
    bool m_filling = false;       // the branch box is being filled, not edited

    QLabel *m_scopeLabel = nullptr;
    QComboBox *m_branch = nullptr;
    QCheckBox *m_squash = nullptr;
    QTreeWidget *m_entries = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_land = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_edited = nullptr;   // a pause in typing the branch asks again
};

} // namespace Orchestrator::Ui
