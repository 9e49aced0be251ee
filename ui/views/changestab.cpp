#include "views/changestab.h"

#include <algorithm>
#include <functional>

#include <QDesktopServices>
#include <QFileInfo>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>

#include "api/session.h"
#include "dialogs/landdialog.h"
#include "models/changewords.h"
#include "models/jobtablemodel.h"

namespace Orchestrator::Ui {

namespace {

AttemptChanges attemptChanges(const AttemptRecord &attempt)
{
    AttemptChanges changes;
    changes.attempt = attempt.attempt;
    changes.baseCommit = attempt.startCommit;
    changes.resultCommit = attempt.resultCommit;
    for (const Orchestrator::ChangedFile &file : attempt.change.files) {
        ChangedFile shown;
        shown.path = file.path;
        shown.insertions = file.insertions;
        shown.deletions = file.deletions;
        shown.binary = file.binary;
        shown.outOfScope = attempt.change.outOfScope.contains(file.path);
        changes.files.append(shown);
    }
    return changes;
}

// An attempt that recorded what it changed (one that runs, or whose
// worktree could not be made, has no commits).
bool recordedChange(const AttemptRecord &attempt)
{
    return !attempt.startCommit.isEmpty() && !attempt.resultCommit.isEmpty();
}

// A question over `window` that does not block it; `onYes` runs when the
// user chooses `yesText`.
void confirm(QWidget *window, const QString &objectName, const QString &title, const QString &text, const QString &yesText,
             QObject *context, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, window);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *yes = box->addButton(yesText, QMessageBox::AcceptRole);
    box->setDefaultButton(yes);
    QObject::connect(box, &QMessageBox::buttonClicked, context, [yes, onYes = std::move(onYes)](QAbstractButton *button) {
        if (button == yes)
            onYes();
    });
    box->open();
}

} // namespace

ChangesTab::ChangesTab(Session *session, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
    , m_view(new ChangesView)
{
    connect(m_view, &ChangesView::attemptSelected, this, [this](const QString &jobId, int attempt) {
        if (jobId != m_job.jobId)
            return;
        m_selectedAttempt = attempt;
        askDiff(attempt);
    });
    connect(m_view, &ChangesView::landRequested, this, &ChangesTab::confirmLand);
    connect(m_view, &ChangesView::discardRequested, this, &ChangesTab::confirmDiscard);
    connect(m_view, &ChangesView::openWorktreeRequested, this, &ChangesTab::openWorktree);
    connect(m_view, &ChangesView::openTerminalRequested, this, &ChangesTab::openTerminal);
}

QString ChangesTab::whyNotLand(const JobRecord &job)
{
    if (!job.inWorktree())
        return tr("The job does not run in a worktree: it changed your checkout directly.");
    if (job.isLanded())
        return tr("Already landed on %1 as %2.").arg(job.landedBranch, ChangeWords::shortCommit(job.landedCommit));
    if (job.discardedAt || job.cleanedAt)
        return tr("The job's change was discarded: its worktree and branch are gone.");
    if (job.state != JobState::Succeeded)
        return tr("Only a succeeded job can land; this one is %1.").arg(JobTableModel::stateName(job.state));
    if (job.change.isEmpty())
        return tr("The job changed nothing: there is nothing to land.");
    return {};
}

QString ChangesTab::whyNotDiscard(const JobRecord &job)
{
    if (!job.inWorktree())
        return tr("The job does not run in a worktree: there is nothing to discard.");
    if (job.discardedAt || job.cleanedAt)
        return tr("Already discarded: its worktree and branch are gone.");
    if (!isFinal(job.state))
        return tr("The job has not ended (%1): cancel it first.").arg(JobTableModel::stateName(job.state));
    return {};
}

void ChangesTab::clear()
{
    ++m_generation;
    m_job = JobRecord();
    m_attempts.clear();
    m_signature.clear();
    m_diffLoaded.clear();
    m_diffAsked.clear();
    m_selectedAttempt = 0;
    m_busy = false;
    m_view->clear();
}

void ChangesTab::showPlaceholder(const QString &text)
{
    m_signature.clear();
    m_view->setPlaceholder(text);
}

void ChangesTab::showJob(const JobRecord &job, const JobDetails *details)
{
    if (job.jobId != m_job.jobId)
        clear();
    m_job = job;
    if (!job.inWorktree()) {
        showPlaceholder(tr("This job does not run in a worktree (isolation: none): its tool changed the "
                           "repository directly, so there is no change to review or land here."));
        return;
    }
    if (job.attempts == 0) {
        showPlaceholder(tr("No attempt yet: what the job changes shows here once its first attempt has ended."));
        return;
    }
    if (!details) {
        if (m_signature.isEmpty())
            showPlaceholder(tr("Loading…"));
        updateActions();
        return;
    }

    QList<AttemptChanges> attempts;
    QString signature = job.landedCommit + QLatin1Char('|') + QString::number(job.discardedAt.value_or(0));
    for (const AttemptRecord &attempt : details->attempts) {
        if (!recordedChange(attempt))
            continue;
        AttemptChanges changes = attemptChanges(attempt);
        // The diff of a result commit never changes: keep one that arrived.
        for (const AttemptChanges &known : std::as_const(m_attempts)) {
            if (known.attempt == changes.attempt && known.resultCommit == changes.resultCommit)
                changes.diff = known.diff;
        }
        attempts.append(changes);
        signature += QStringLiteral("|%1:%2").arg(attempt.attempt).arg(attempt.resultCommit);
    }
    if (attempts.isEmpty()) {
        const AttemptRecord *last = details->attempts.isEmpty() ? nullptr : &details->attempts.last();
        showPlaceholder(!last || last->isRunning()
                            ? tr("Attempt %1 is running: what it changes shows here when it ends.").arg(job.attempts)
                            : tr("No attempt recorded a change: %1").arg(last->reason));
        updateActions();
        return;
    }
    if (job.isLanded()) {
        attempts.last().landed = true;
        attempts.last().landedCommit = job.landedCommit;
    }
    if (signature == m_signature) {
        updateActions();
        return;
    }
    m_signature = signature;
    m_attempts = attempts;
    // The worktree goes with discard and gc: then there is nothing to open.
    const QString worktree = QFileInfo(job.worktreePath).isDir() ? job.worktreePath : QString();
    m_view->setJob(job.jobId, worktree, job.worktreeBranch, m_attempts, m_selectedAttempt);
    updateActions();
    askDiff(m_view->selectedAttempt());
}

void ChangesTab::setVisible(bool visible)
{
    m_visible = visible;
    if (visible && !m_signature.isEmpty())
        askDiff(m_view->selectedAttempt());
}

void ChangesTab::updateActions()
{
    if (m_busy) {
        const QString wait = tr("Wait for the land or discard of this job to finish.");
        m_view->setActionsEnabled(false, false, wait, wait);
        return;
    }
    const QString land = whyNotLand(m_job);
    const QString discard = whyNotDiscard(m_job);
    m_view->setActionsEnabled(land.isEmpty(), discard.isEmpty(), land, discard);
}

void ChangesTab::askDiff(int attempt)
{
    const auto found = std::find_if(m_attempts.cbegin(), m_attempts.cend(),
                                    [attempt](const AttemptChanges &a) { return a.attempt == attempt; });
    if (found == m_attempts.cend() || m_diffLoaded.value(attempt) == found->resultCommit || m_diffAsked.contains(attempt))
        return;
    // Nothing changed, nothing to read; a hidden tab asks when it is shown.
    if (found->files.isEmpty() || !m_visible)
        return;
    m_diffAsked.insert(attempt);
    m_view->diffView()->setPlaceholderText(tr("Reading the diff…"));
    const QString jobId = m_job.jobId;
    const QString resultCommit = found->resultCommit;
    m_session->queryDiff(jobId, attempt, this, [this, attempt, resultCommit, generation = m_generation](const Result<JobDiff> &diff) {
        if (generation != m_generation)
            return;
        m_diffAsked.remove(attempt);
        m_diffLoaded.insert(attempt, resultCommit);
        for (AttemptChanges &changes : m_attempts) {
            if (changes.attempt != attempt)
                continue;
            changes.diff = diff ? diff->patch : QByteArray();
            m_view->updateAttempt(changes);
        }
        if (!diff && m_view->selectedAttempt() == attempt)
            m_view->diffView()->setPlaceholderText(tr("The diff could not be read: %1").arg(diff.error().message));
    });
}

void ChangesTab::confirmLand()
{
    if (!whyNotLand(m_job).isEmpty() || m_busy)
        return;
    const JobRecord job = m_job;
    const QString branch = job.baseBranch.isEmpty() ? tr("the run's base branch") : job.baseBranch;
    const QString text = tr("Merge the change of job %1 (%2) into %3 of %4?\n\n"
                            "Jobs it depends on that have not landed land first. If %3 is checked out, "
                            "that checkout must be clean, and its files are updated.")
                             .arg(job.jobId, ChangeWords::summary(job.change), branch, job.repoTop);
    confirm(m_window, QStringLiteral("confirmLand"), tr("Land job %1").arg(job.jobId), text, tr("&Land on %1").arg(branch),
            this, [this, job] {
                if (job.jobId != m_job.jobId)
                    return;
                m_busy = true;
                updateActions();
                LandRequest request;
                request.jobIds = {job.jobId};
                m_session->land(request, this, [this, jobId = job.jobId](const Result<LandResult> &result) {
                    if (jobId == m_job.jobId) {
                        m_busy = false;
                        updateActions();
                    }
                    if (!result)
                        Q_EMIT problem(tr("Job %1 did not land: %2").arg(jobId, result.error().message));
                    else if (!result->complete() || result->count(LandEntry::Kind::Landed) == 0)
                        Q_EMIT problem(LandDialog::resultSummary(*result));
                    else
                        Q_EMIT message(LandDialog::resultSummary(*result));
                });
            });
}

void ChangesTab::confirmDiscard()
{
    if (!whyNotDiscard(m_job).isEmpty() || m_busy)
        return;
    const JobRecord job = m_job;
    const QString text = job.isLanded()
        ? tr("Remove the worktree %1 and the branch %2 of job %3?\n\nIts change has landed and stays in %4.")
              .arg(job.worktreePath, job.worktreeBranch, job.jobId, job.landedBranch)
        : tr("Throw away the change of job %1 (%2)?\n\nIts worktree %3 and its branch %4 are removed; "
             "the change can no longer be landed.")
              .arg(job.jobId, ChangeWords::summary(job.change), job.worktreePath, job.worktreeBranch);
    confirm(m_window, QStringLiteral("confirmDiscard"), tr("Discard job %1").arg(job.jobId), text, tr("&Discard"), this,
            [this, job] {
                if (job.jobId != m_job.jobId)
                    return;
                m_busy = true;
                updateActions();
                m_session->discard({job.jobId}, this, [this, jobId = job.jobId](const JobCommandReport &report) {
                    if (jobId == m_job.jobId) {
                        m_busy = false;
                        updateActions();
                    }
                    if (!report.problems.isEmpty())
                        Q_EMIT problem(report.problems.join(QLatin1Char('\n')));
                    else
                        Q_EMIT message(tr("Job %1 discarded: its worktree and branch are removed.").arg(jobId));
                });
            });
}

void ChangesTab::openWorktree(const QString &path)
{
    if (!QFileInfo(path).isDir()) {
        Q_EMIT problem(tr("The worktree %1 does not exist any more.").arg(path));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        Q_EMIT problem(tr("No file manager could open %1.").arg(path));
}

void ChangesTab::openTerminal(const QString &path)
{
    if (!QFileInfo(path).isDir()) {
        Q_EMIT problem(tr("The worktree %1 does not exist any more.").arg(path));
        return;
    }
    // $TERMINAL may carry arguments ("kitty --single-instance"); Debian's
    // alternatives system names the default one x-terminal-emulator.
    QStringList command = QProcess::splitCommand(qEnvironmentVariable("TERMINAL"));
    const bool chosen = !command.isEmpty();
    if (!chosen || QStandardPaths::findExecutable(command.first()).isEmpty())
        command = {QStringLiteral("x-terminal-emulator")};
    if (QStandardPaths::findExecutable(command.first()).isEmpty()) {
        Q_EMIT problem(chosen ? tr("No terminal found: TERMINAL names %1, which is not a program on PATH, and "
                                   "x-terminal-emulator is not installed either.")
                                    .arg(qEnvironmentVariable("TERMINAL"))
                              : tr("No terminal found: set TERMINAL to your terminal program (e.g. TERMINAL=konsole), "
                                   "or install one that provides x-terminal-emulator."));
        return;
    }
    const QString program = command.takeFirst();
    if (!QProcess::startDetached(program, command, path))
        Q_EMIT problem(tr("The terminal %1 could not be started in %2.").arg(program, path));
}

} // namespace Orchestrator::Ui
