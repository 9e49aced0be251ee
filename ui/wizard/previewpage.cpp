#include "wizard/previewpage.h"

#include <algorithm>

#include <QHash>
#include <QGraphicsView>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "api/engine.h"
#include "api/session.h"
#include "models/stateicons.h"
#include "spec/retrypolicy.h"
#include "views/dagscene.h"
#include "views/dagview.h"
#include "wizard/conversionsession.h"
#include "wizard/problemlist.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

// Each list shows this many lines and scrolls for more.
constexpr int kProblemLines = 5;
constexpr int kWarningLines = 3;
constexpr int kJobIdRole = Qt::UserRole;

// The tools a planned job's attempts run: its own, then those its retries
// escalate to.
QStringList toolsOf(const Convert::PlannedJob &job)
{
    QStringList tools{job.json.value(QLatin1String("tool")).toString()};
    const QJsonValue retry = job.json.value(QLatin1String("metadata")).toObject().value(QLatin1String("retry_policy"));
    if (const Result<RetryPolicy> policy = RetryPolicy::parse(retry, QString()))
        tools += policy->escalateTo;
    tools.removeDuplicates();
    tools.removeAll(QString());
    return tools;
}

// Workstreams whose dependencies are not among the usable ones, or that
// take part in a cycle: what the plan's errors are about, by id.
QSet<QString> problemWorkstreams(const ConversionSession &session)
{
    QHash<QString, QStringList> edges;
    for (int row = 0; row < session.count(); ++row) {
        if (session.isUsable(row))
            edges.insert(session.sources().at(row).workstream->id, session.sources().at(row).workstream->dependsOn);
    }
    QSet<QString> problems;
    for (auto it = edges.cbegin(); it != edges.cend(); ++it) {
        for (const QString &dependency : it.value()) {
            if (!edges.contains(dependency))
                problems.insert(it.key());
        }
    }
    // Cycles: an iterative depth-first search; a back edge marks the stack
    // from its target up as cyclic.
    enum class Mark { None, Active, Done };
    QHash<QString, Mark> marks;
    for (auto root = edges.cbegin(); root != edges.cend(); ++root) {
        if (marks.value(root.key()) != Mark::None)
            continue;
        QList<std::pair<QString, int>> stack{{root.key(), 0}};
        marks.insert(root.key(), Mark::Active);
        while (!stack.isEmpty()) {
            auto &[id, next] = stack.last();
            const QStringList dependencies = edges.value(id);
            if (next >= dependencies.size()) {
                marks.insert(id, Mark::Done);
                stack.removeLast();
                continue;
            }
            const QString dependency = dependencies.at(next++);
            if (!edges.contains(dependency))
                continue;
            const Mark mark = marks.value(dependency);
            if (mark == Mark::Active) {
                for (qsizetype i = stack.size() - 1; i >= 0; --i) {
                    problems.insert(stack.at(i).first);
                    if (stack.at(i).first == dependency)
                        break;
                }
            } else if (mark == Mark::None) {
                marks.insert(dependency, Mark::Active);
                stack.append({dependency, 0});
            }
        }
    }
    return problems;
}

} // namespace

PreviewPage::PreviewPage(ConversionSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("previewPage"));
    setTitle(tr("Preview"));
    setSubTitle(tr("The jobs and their dependencies as they would be submitted, and the order in which they would start."));

    m_dag = new DagView(this);
    m_dag->setObjectName(QStringLiteral("dagPreview"));
    // The view's tool bar (and its status text, which grows with the run and
    // the language) would otherwise decide the wizard's minimum width and
    // push its buttons off a small screen; on a narrow page its right end is
    // cut off instead.
    m_dag->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_order = new QTreeWidget(this);
    m_order->setObjectName(QStringLiteral("startOrder"));
    m_order->setAccessibleName(tr("Start order"));
    m_order->setColumnCount(2);
    m_order->setHeaderLabels({tr("Job"), tr("Workstream")});
    m_order->setUniformRowHeights(true);
    m_order->header()->setStretchLastSection(true);
    m_order->setColumnWidth(0, 150);
    auto *orderLabel = new QLabel(tr("&Start order:"), this);
    orderLabel->setBuddy(m_order);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewPageSummary"));
    m_summary->setWordWrap(true);

    auto *orderPane = new QWidget(this);
    auto *orderLayout = new QVBoxLayout(orderPane);
    orderLayout->setContentsMargins(0, 0, 0, 0);
    orderLayout->addWidget(orderLabel);
    orderLayout->addWidget(m_order, 1);

    // Room for "Wave 10 (12 jobs)" and a long job id beside its workstream.
    orderPane->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    m_order->setColumnWidth(0, fontMetrics().averageCharWidth() * 26);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_dag);
    split->addWidget(orderPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_problems = new ProblemList(QStringLiteral("previewProblems"), kProblemLines, this);
    m_problems->setAccessibleName(tr("Problems"));
    m_warnings = new ProblemList(QStringLiteral("previewWarnings"), kWarningLines, this);
    m_warnings->setAccessibleName(tr("Warnings"));
    m_warnings->setTone(ProblemList::Tone::Warning);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems);
    layout->addWidget(m_warnings);

    connect(&m_toolsWatcher, &QFutureWatcher<Result<QList<ToolInfo>>>::finished, this, [this] {
        m_toolsPending = false;
        const Result<QList<ToolInfo>> tools = m_toolsWatcher.result();
        m_programs.clear();
        m_profilePrograms.clear();
        if (tools) {
            for (const ToolInfo &tool : *tools) {
                m_programs.insert(tool.profile.name, tool.path);
                m_profilePrograms.insert(tool.profile.name, tool.profile.program);
            }
        } else {
            m_checkError = tr("Could not check which tools are installed: %1").arg(tools.error().message);
        }
        showChecks();
    });

    // A tall graph fitted to the window is too small to read its labels:
    // zoom to a readable size and start at the top, where the first jobs are.
    connect(m_dag, &DagView::layoutFinished, this, [this] {
        QGraphicsView *view = m_dag->graphicsView();
        for (int step = 0; step < 8 && view->transform().m11() < 0.6; ++step)
            m_dag->zoomIn();
        if (const QTreeWidgetItem *first = m_order->topLevelItem(0); first && first->childCount() > 0)
            view->centerOn(m_dag->scene()->nodeRect(m_dag->scene()->graph().nodeIndex(first->child(0)->data(0, Qt::UserRole).toString())).center());
    });
    // The list and the drawing select together.
    connect(m_order, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const QString jobId = item ? item->data(0, Qt::UserRole).toString() : QString();
        if (!jobId.isEmpty() && jobId != m_dag->selectedJob())
            m_dag->findJob(jobId);
    });
    connect(m_dag, &DagView::jobSelected, this, [this](const QString &jobId) {
        const QList<QTreeWidgetItem *> found = m_order->findItems(jobId, Qt::MatchExactly | Qt::MatchRecursive, 0);
        if (!found.isEmpty() && m_order->currentItem() != found.first())
            m_order->setCurrentItem(found.first());
    });
}

PreviewPage::~PreviewPage()
{
    // The check reads the tool profiles; it must not report into a page that is gone.
    m_toolsWatcher.disconnect(this);
    m_toolsWatcher.waitForFinished();
}

void PreviewPage::setEngineSession(Session *session)
{
    m_engine = session;
}

void PreviewPage::initializePage()
{
    const Convert::Plan &plan = m_session->plan();
    const QSet<QString> problems = problemWorkstreams(*m_session);
    QList<JobRecord> jobs;
    QList<std::pair<QString, QString>> dependencies;
    QSet<QString> drawn;
    QHash<QString, QString> lastJobOf;      // workstream id -> its last planned job
    auto addNode = [&](const QString &id, const QString &workstreamId, const QString &tool, JobState state,
                       const QString &reason) {
        JobRecord job;
        job.seq = jobs.size() + 1;
        job.jobId = id;
        job.runId = previewRunId();
        job.workstreamId = workstreamId;
        job.tool = tool;
        job.state = state;
        job.reason = reason;
        jobs.append(job);
        drawn.insert(id);
    };
    jobs.reserve(plan.jobs.size());
    for (const Convert::PlannedJob &planned : plan.jobs) {
        const bool problem = problems.contains(planned.workstreamId);
        addNode(planned.jobId, planned.workstreamId, planned.json.value(QStringLiteral("tool")).toString(),
                problem ? JobState::Failed : JobState::Waiting,
                problem ? tr("its workstream has a dependency problem") : QString());
        jobs.last().priority = priorityFromString(planned.json.value(QStringLiteral("priority")).toString()).value_or(Priority::Normal);
        for (const QString &dependency : planned.dependsOn)
            dependencies.append({planned.jobId, dependency});
        lastJobOf.insert(planned.workstreamId, planned.jobId);
    }

    // What the plan could not turn into jobs: workstreams in (or behind) a
    // cycle, one node each, and unknown dependencies, so the problem is seen
    // where it is.
    QHash<QString, QString> firstJobOf;
    for (const Convert::PlannedJob &planned : plan.jobs) {
        if (!firstJobOf.contains(planned.workstreamId))
            firstJobOf.insert(planned.workstreamId, planned.jobId);
    }
    QSet<QString> usable;
    for (int row = 0; row < m_session->count(); ++row) {
        if (m_session->isUsable(row))
            usable.insert(m_session->sources().at(row).workstream->id);
    }
    for (int row = 0; row < m_session->count(); ++row) {
        if (!m_session->isUsable(row))
            continue;
        const Convert::Workstream &ws = *m_session->sources().at(row).workstream;
        if (!firstJobOf.contains(ws.id) && !drawn.contains(ws.id))
            addNode(ws.id, ws.id, ws.tool, JobState::Failed, tr("not planned: part of a depends_on cycle, or waits for one"));
    }
    for (int row = 0; row < m_session->count(); ++row) {
        if (!m_session->isUsable(row))
            continue;
        const Convert::Workstream &ws = *m_session->sources().at(row).workstream;
        const QString from = firstJobOf.value(ws.id, ws.id);
        for (const QString &dependency : ws.dependsOn) {
            if (!usable.contains(dependency)) {
                if (!drawn.contains(dependency))
                    addNode(dependency, dependency, QString(), JobState::Failed, tr("unknown workstream: no usable file has this id"));
                dependencies.append({from, dependency});
            } else if (!firstJobOf.contains(ws.id) || !lastJobOf.contains(dependency)) {
                // An edge the plan does not have, because one end is not planned.
                dependencies.append({from, lastJobOf.value(dependency, dependency)});
            }
        }
    }
    m_dag->setRun(previewRunId(), jobs, dependencies);
    showStartOrder();
    startChecks();
    Q_EMIT completeChanged();
}

bool PreviewPage::isComplete() const
{
    return m_session->plan().ok() && !m_session->plan().jobs.isEmpty() && isChecked();
}

QString PreviewPage::submitBlockedReason() const
{
    if (m_existing.isEmpty())
        return {};
    return tr("%n planned job id(s) are already in the database, so submitting would fail. Go back to the options and "
              "change the job id pattern (for example add a prefix such as v2-), or write the files without submitting.",
              nullptr, int(m_existing.size()));
}

void PreviewPage::startChecks()
{
    const int generation = ++m_generation;
    m_existing.clear();
    m_missingTools.clear();
    m_checkError.clear();
    QStringList ids;
    for (const Convert::PlannedJob &job : m_session->plan().jobs)
        ids.append(job.jobId);

    // Both answered off the GUI thread: finding programs on PATH stats
    // files, and the database is read on the session's query thread.
    m_toolsPending = true;
    m_toolsWatcher.setFuture(QtConcurrent::run([] { return Engine::tools(); }));
    m_idsPending = m_engine && !ids.isEmpty();
    if (m_idsPending) {
        m_engine->queryExistingJobs(ids, this, [this, generation](const Result<QList<JobRecord>> &existing) {
            if (generation != m_generation)
                return;
            m_idsPending = false;
            if (existing) {
                for (const JobRecord &job : *existing)
                    m_existing.insert(job.jobId, job);
            } else {
                m_checkError = tr("Could not check the job ids against the database: %1").arg(existing.error().message);
            }
            showChecks();
        });
    }
    showChecks();
}

void PreviewPage::showChecks()
{
    const Convert::Plan &plan = m_session->plan();

    // Missing programs, by tool: the jobs it is the tool of, and those whose retries escalate to it.
    QHash<QString, int> ownUses;
    QHash<QString, int> escalationUses;
    QHash<QString, QStringList> jobTools;
    for (const Convert::PlannedJob &job : plan.jobs) {
        const QStringList tools = toolsOf(job);
        jobTools.insert(job.jobId, tools);
        for (qsizetype i = 0; i < tools.size(); ++i)
            ++(i == 0 ? ownUses : escalationUses)[tools.at(i)];
    }
    QStringList warnings;
    m_missingTools.clear();
    if (!m_toolsPending) {
        QStringList tools = ownUses.keys() + escalationUses.keys();
        tools.removeDuplicates();
        tools.sort();
        for (const QString &tool : std::as_const(tools)) {
            // A tool without a profile is the plan's problem (unknown tool), not a missing program.
            if (!m_programs.contains(tool) || !m_programs.value(tool).isEmpty())
                continue;
            m_missingTools.append(tool);
            const QString program = m_profilePrograms.value(tool, tool);
            if (const int own = ownUses.value(tool); own > 0)
                warnings.append(tr("%1 is not installed here (no program \"%2\" on PATH): %n job(s) would fail to start",
                                   nullptr, own).arg(tool, program));
            if (const int escalated = escalationUses.value(tool); escalated > 0)
                warnings.append(tr("%1 is not installed here (no program \"%2\" on PATH): retries of %n job(s) would "
                                   "escalate to it and fail to start", nullptr, escalated).arg(tool, program));
        }
    }
    if (!m_checkError.isEmpty())
        warnings.append(m_checkError);
    m_warnings->setProblems(warnings);

    QStringList problems = m_planProblems;
    if (!m_existing.isEmpty()) {
        problems.append(submitBlockedReason());
        for (const Convert::PlannedJob &job : plan.jobs) {
            if (const auto found = m_existing.constFind(job.jobId); found != m_existing.constEnd())
                problems.append(tr("%1: already in run %2 (%3)").arg(job.jobId, found->runId, toString(found->state)));
        }
    }
    m_problems->setProblems(problems);

    // The jobs concerned, marked in the start order.
    const QColor red = errorColor(palette());
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this);
    for (int wave = 0; wave < m_order->topLevelItemCount(); ++wave) {
        QTreeWidgetItem *group = m_order->topLevelItem(wave);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const QString jobId = item->data(0, kJobIdRole).toString();
            QStringList notes;
            if (const auto found = m_existing.constFind(jobId); found != m_existing.constEnd()) {
                notes.append(tr("This job id is already in the database (run %1)").arg(found->runId));
                item->setForeground(0, red);
            }
            for (const QString &tool : jobTools.value(jobId)) {
                if (m_missingTools.contains(tool))
                    notes.append(tr("%1 is not installed here").arg(tool));
            }
            if (!notes.isEmpty()) {
                item->setIcon(0, m_existing.contains(jobId) ? stateIcon(JobState::Failed) : warningIcon);
                item->setToolTip(0, notes.join(QLatin1Char('\n')));
            }
        }
    }

    QString summary = m_summaryText;
    if (!isChecked())
        summary += QLatin1String(" ") + tr("Checking the tools and the job ids…");
    m_summary->setText(summary);
    Q_EMIT completeChanged();
    if (isChecked())
        Q_EMIT checksFinished();
}

void PreviewPage::showStartOrder()
{
    const Convert::Plan &plan = m_session->plan();
    const QSet<QString> problems = problemWorkstreams(*m_session);
    // A job's wave: one after the latest wave among its dependencies. The
    // plan lists dependencies first, so one pass suffices.
    QHash<QString, int> waveOf;
    QList<QList<const Convert::PlannedJob *>> waves;
    for (const Convert::PlannedJob &job : plan.jobs) {
        int wave = 0;
        for (const QString &dependency : job.dependsOn)
            wave = std::max(wave, waveOf.value(dependency, -1) + 1);
        waveOf.insert(job.jobId, wave);
        if (waves.size() <= wave)
            waves.resize(wave + 1);
        waves[wave].append(&job);
    }

    m_order->clear();
    const QColor red = errorColor(palette());
    for (qsizetype wave = 0; wave < waves.size(); ++wave) {
        auto *group = new QTreeWidgetItem(m_order, {tr("Wave %1 (%n job(s))", nullptr, int(waves.at(wave).size())).arg(wave + 1)});
        group->setFirstColumnSpanned(true);
        group->setFlags(Qt::ItemIsEnabled);
        for (const Convert::PlannedJob *job : waves.at(wave)) {
            auto *item = new QTreeWidgetItem(group, {job->jobId, job->workstreamId});
            item->setData(0, kJobIdRole, job->jobId);
            item->setIcon(0, stateIcon(JobState::Waiting));
            item->setToolTip(0, job->dependsOn.isEmpty() ? tr("starts first")
                                                         : tr("after %1").arg(job->dependsOn.join(QStringLiteral(", "))));
            if (problems.contains(job->workstreamId)) {
                item->setForeground(0, red);
                item->setForeground(1, red);
                item->setToolTip(1, tr("This workstream has an unknown dependency or is part of a cycle"));
            }
        }
    }
    m_order->expandAll();

    m_summaryText = tr("%n job(s)", nullptr, int(plan.jobs.size())) + QStringLiteral(", ")
                    + tr("%n wave(s)", nullptr, int(waves.size()));
    m_summary->setText(m_summaryText);
    m_planProblems.clear();
    if (!problems.isEmpty()) {
        QStringList ids(problems.cbegin(), problems.cend());
        ids.sort();
        m_planProblems.append(tr("Dependency problems in: %1").arg(ids.join(QStringLiteral(", "))));
    }
    m_planProblems += plan.errors;
    m_problems->setProblems(m_planProblems);
}

} // namespace Orchestrator::Ui
