#include "dialogs/landdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "api/session.h"
#include "models/changewords.h"
#include "models/stateicons.h"

namespace Orchestrator::Ui {

namespace {

// A pause this long in typing a branch name asks for a new prediction.
constexpr int kEditedDelayMs = 600;

QString shortCommit(const QString &commit) { return ChangeWords::shortCommit(commit); }

QString fileList(const QStringList &files) { return files.join(QStringLiteral(", ")); }

// The state whose icon and colour say how a job's land went: the table's own.
JobState lookOf(LandEntry::Kind kind)
{
    switch (kind) {
    case LandEntry::Kind::Landed:
    case LandEntry::Kind::AlreadyLanded:
        return JobState::Succeeded;
    case LandEntry::Kind::Conflict:
        return JobState::Failed;
    case LandEntry::Kind::NothingToLand:
    case LandEntry::Kind::NotReached:
    case LandEntry::Kind::NotLandable:
        return JobState::Cancelled;
    }
    return JobState::Cancelled;
}

const LandEntry *conflictOf(const LandResult &result)
{
    for (const LandEntry &entry : result.entries) {
        if (entry.kind == LandEntry::Kind::Conflict)
            return &entry;
    }
    return nullptr;
}

} // namespace

LandDialog::LandDialog(Session *session, const LandRequest &scope, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_scope(scope)
{
    setWindowTitle(scope.runId.isEmpty() ? tr("Land jobs") : tr("Land run %1").arg(scope.runId));

    m_scopeLabel = new QLabel(scope.runId.isEmpty() ? tr("Jobs %1 and the worktree jobs they depend on")
                                                          .arg(scope.jobIds.join(QStringLiteral(", ")))
                                                    : tr("The worktree jobs of run %1, in dependency order").arg(scope.runId));
    m_scopeLabel->setWordWrap(true);

    m_branch = new QComboBox;
    m_branch->setObjectName(QStringLiteral("branch"));
    m_branch->setEditable(true);
    m_branch->setInsertPolicy(QComboBox::NoInsert);
    m_branch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_branch->lineEdit()->setPlaceholderText(tr("the branch the run started on"));
    m_branch->setToolTip(tr("The branch of your repository the changes are merged into. If it is checked out, "
                            "that checkout must be clean; its files are updated."));
    m_squash = new QCheckBox(tr("&Squash each job into one commit"));
    m_squash->setObjectName(QStringLiteral("squash"));
    m_squash->setToolTip(tr("One single-parent commit per job instead of a merge commit"));
    auto *form = new QFormLayout;
    auto *branchLabel = new QLabel(tr("Into &branch:"));
    branchLabel->setBuddy(m_branch);
    form->addRow(branchLabel, m_branch);
    form->addRow(QString(), m_squash);

    m_entries = new QTreeWidget;
    m_entries->setObjectName(QStringLiteral("entries"));
    m_entries->setColumnCount(ColumnCount);
    m_entries->setHeaderLabels({tr("Job"), tr("Change"), tr("Result")});
    m_entries->setRootIsDecorated(false);
    m_entries->setUniformRowHeights(true);
    m_entries->setAllColumnsShowFocus(true);
    m_entries->setSelectionMode(QAbstractItemView::NoSelection);
    m_entries->setFocusPolicy(Qt::NoFocus);
    m_entries->setAccessibleName(tr("Jobs in landing order"));
    m_entries->header()->setStretchLastSection(true);
    m_entries->header()->setSectionResizeMode(JobColumn, QHeaderView::ResizeToContents);
    m_entries->header()->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 0); // busy: no known end
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_progress->hide();
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { padding: 6px; border: 1px solid #f5c2c0; background: #fdecea; color: #611a15; }"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_land = m_buttons->addButton(tr("&Land"), QDialogButtonBox::ActionRole);
    m_land->setObjectName(QStringLiteral("landButton"));
    // The default button (Enter) is chosen in updateLandButton, once the
    // button is in the dialog: setDefault before that is lost.
    m_land->setEnabled(false);
    connect(m_land, &QPushButton::clicked, this, &LandDialog::land);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scopeLabel);
    layout->addLayout(form);
    layout->addWidget(m_entries, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    // Another branch or squash: predict again. Typing waits for a pause;
    // Enter or leaving the box asks at once (and Enter, once the answer
    // is there, lands).
    m_edited = new QTimer(this);
    m_edited->setSingleShot(true);
    m_edited->setInterval(kEditedDelayMs);
    auto predictIfEdited = [this] {
        if (!matchesPrediction())
            predict();
    };
    connect(m_edited, &QTimer::timeout, this, predictIfEdited);
    connect(m_branch, &QComboBox::editTextChanged, this, [this] {
        if (m_filling)
            return;
        // Land waits until the prediction is about this branch.
        updateLandButton();
        m_edited->start();
    });
    connect(m_branch->lineEdit(), &QLineEdit::editingFinished, this, predictIfEdited);
    connect(m_branch, &QComboBox::activated, this, [this] { m_edited->start(0); });
    connect(m_squash, &QCheckBox::toggled, this, &LandDialog::predict);

    resize(760, 440);
    predict();
}

LandDialog::~LandDialog() = default;

LandRequest LandDialog::request(bool dryRun) const
{
    LandRequest request = m_scope;
    request.intoBranch = m_branch->currentText().trimmed();
    request.squash = m_squash->isChecked();
    request.dryRun = dryRun;
    return request;
}

bool LandDialog::matchesPrediction() const
{
    return m_branch->currentText().trimmed() == m_predictedBranch && m_squash->isChecked() == m_predictedSquash;
}

void LandDialog::predict()
{
    if (m_landed)
        return;
    m_edited->stop();
    const LandRequest asked = request(true);
    setBusy(true, asked.intoBranch.isEmpty() ? tr("Checking what would land…")
                                             : tr("Checking what would land on %1…").arg(asked.intoBranch));
    m_session->land(asked, this, [this, asked, serial = ++m_asked](const Result<LandResult> &result) {
        if (serial != m_asked)
            return;
        m_predictedBranch = asked.intoBranch;
        m_predictedSquash = asked.squash;
        m_canLand = false;
        setBusy(false);
        if (!result) {
            showError(result.error().message);
            return;
        }
        showResult(*result);
    });
}

void LandDialog::land()
{
    // Only what the prediction shown says: the branch and squash it was asked with.
    if (m_busy || !m_canLand || m_landed || !matchesPrediction())
        return;
    LandRequest asked = request(false);
    const QString predicted = m_summary->text();
    setBusy(true, tr("Landing on %1…").arg(asked.intoBranch));
    m_session->land(asked, this, [this, predicted, serial = ++m_asked](const Result<LandResult> &result) {
        if (serial != m_asked)
            return;
        if (!result) {
            setBusy(false);
            // Nothing changed (a dirty checkout, another land): the
            // prediction still stands and Land may be tried again.
            m_summary->setText(predicted);
            m_error->setText(result.error().message);
            m_error->show();
            return;
        }
        m_landed = true;
        setBusy(false);
        showResult(*result);
        Q_EMIT landed(*result);
    });
}

void LandDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy) {
        m_summary->setText(what);
        m_error->hide();
    }
    m_branch->setEnabled(!busy && !m_landed);
    m_squash->setEnabled(!busy && !m_landed);
    updateLandButton();
}

void LandDialog::updateLandButton()
{
    const bool current = matchesPrediction();
    m_land->setEnabled(m_canLand && current && !m_busy && !m_landed);
    m_land->setToolTip(m_landed            ? tr("The land has run: see what it did above.")
                       : m_busy || !current ? tr("Wait for what would land on this branch.")
                       : !m_canLand         ? tr("Nothing would land on this branch.")
                                            : tr("Merge the jobs that will land, in this order (Enter)"));
    // Once it ran, Enter closes.
    m_buttons->button(QDialogButtonBox::Close)->setDefault(m_landed);
    m_land->setDefault(!m_landed);
}

void LandDialog::showResult(const LandResult &result)
{
    m_error->hide();
    if (!result.branch.isEmpty() && m_branch->currentText().trimmed().isEmpty()) {
        // The default, as the engine chose it: shown, and what Land uses.
        m_filling = true;
        if (m_branch->findText(result.branch) < 0)
            m_branch->addItem(result.branch);
        m_branch->setCurrentText(result.branch);
        m_filling = false;
        m_predictedBranch = result.branch;
    }
    m_entries->clear();
    for (const LandEntry &entry : result.entries) {
        auto *item = new QTreeWidgetItem(m_entries);
        item->setText(JobColumn, entry.jobId);
        item->setText(ChangeColumn, ChangeWords::summary(entry.change));
        item->setText(ResultColumn, entryText(entry, result.dryRun));
        const JobState look = lookOf(entry.kind);
        item->setIcon(ResultColumn, stateIcon(look));
        if (look != JobState::Cancelled)
            item->setForeground(ResultColumn, stateColor(look));
        QStringList tip{entryText(entry, result.dryRun)};
        if (!entry.reason.isEmpty() && !tip.first().contains(entry.reason))
            tip.append(entry.reason);
        if (const QString warning = ChangeWords::outOfScopeWarning(entry.change.outOfScope); !warning.isEmpty()) {
            tip.append(warning);
            item->setIcon(ChangeColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        item->setToolTip(ResultColumn, tip.join(QLatin1Char('\n')));
        item->setToolTip(ChangeColumn, tip.join(QLatin1Char('\n')));
    }
    m_summary->setText(resultSummary(result));
    m_canLand = result.dryRun && result.count(LandEntry::Kind::Landed) > 0;
    updateLandButton();
}

void LandDialog::showError(const QString &text)
{
    // A prediction for another branch or squash would mislead next to it.
    if (!m_landed)
        m_entries->clear();
    m_summary->clear();
    m_error->setText(text);
    m_error->show();
    updateLandButton();
}

QString LandDialog::summaryText() const { return m_summary->text(); }

QString LandDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

QString LandDialog::entryText(const LandEntry &entry, bool dryRun)
{
    switch (entry.kind) {
    case LandEntry::Kind::Landed:
        return dryRun ? tr("will land") : tr("landed as %1").arg(shortCommit(entry.commit));
    case LandEntry::Kind::NothingToLand:
        return tr("nothing to land");
    case LandEntry::Kind::AlreadyLanded:
        return entry.commit.isEmpty() ? tr("already landed") : tr("already landed as %1").arg(shortCommit(entry.commit));
    case LandEntry::Kind::Conflict:
        if (entry.conflictFiles.isEmpty())
            return dryRun ? tr("conflict: %1").arg(entry.reason) : tr("conflict, stopped here: %1").arg(entry.reason);
        return dryRun ? tr("conflict with %1").arg(fileList(entry.conflictFiles))
                      : tr("conflict, stopped here: %1").arg(fileList(entry.conflictFiles));
    case LandEntry::Kind::NotReached:
        return dryRun ? tr("not reached: the land stops at the conflict") : tr("not reached");
    case LandEntry::Kind::NotLandable:
        return tr("not landable: %1").arg(entry.reason);
    }
    return {};
}

QString LandDialog::resultSummary(const LandResult &result)
{
    const int landed = result.count(LandEntry::Kind::Landed);
    QStringList parts;
    if (result.dryRun) {
        if (landed == 0)
            parts.append(tr("Nothing would land on %1.").arg(result.branch));
        else
            parts.append(landed == 1 ? tr("1 job will land on %1.").arg(result.branch)
                                     : tr("%1 jobs will land on %2.").arg(landed).arg(result.branch));
        if (const LandEntry *conflict = conflictOf(result))
            parts.append(tr("Job %1 conflicts: the land would stop there.").arg(conflict->jobId));
        if (!result.checkoutPath.isEmpty())
            parts.append(tr("%1 is checked out in %2: its files are updated too.").arg(result.branch, result.checkoutPath));
    } else {
        if (landed == 0)
            parts.append(tr("Nothing landed on %1.").arg(result.branch));
        else
            parts.append(landed == 1 ? tr("1 job landed on %1 (%2 → %3).").arg(result.branch, shortCommit(result.tipBefore),
                                                                              shortCommit(result.tipAfter))
                                     : tr("%1 jobs landed on %2 (%3 → %4).")
                                           .arg(QString::number(landed), result.branch, shortCommit(result.tipBefore),
                                                shortCommit(result.tipAfter)));
        if (const LandEntry *conflict = conflictOf(result))
            parts.append(tr("Stopped at job %1, which conflicts with %2 in %3: the branch is as the job before left it.")
                             .arg(conflict->jobId, result.branch,
                                  conflict->conflictFiles.isEmpty() ? conflict->reason : fileList(conflict->conflictFiles)));
        if (result.checkoutUpdated)
            parts.append(tr("Your checkout at %1 was updated.").arg(result.checkoutPath));
    }
    if (!result.recovered.isEmpty())
        parts.append(tr("Recorded as landed by an interrupted land: %1.").arg(result.recovered.join(QStringLiteral(", "))));
    return parts.join(QLatin1Char(' '));
}

} // namespace Orchestrator::Ui
