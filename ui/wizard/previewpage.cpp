#include "wizard/previewpage.h"

#include <algorithm>

#include <QHash>
#include <QGraphicsView>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "models/stateicons.h"
#include "views/dagscene.h"
#include "views/dagview.h"
#include "wizard/conversionsession.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

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
    orderPane->setMinimumWidth(fontMetrics().averageCharWidth() * 44);
    m_order->setColumnWidth(0, fontMetrics().averageCharWidth() * 26);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_dag);
    split->addWidget(orderPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_summary);

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
    Q_EMIT completeChanged();
}

bool PreviewPage::isComplete() const
{
    return m_session->plan().ok() && !m_session->plan().jobs.isEmpty();
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
            item->setData(0, Qt::UserRole, job->jobId);
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

    QString summary = tr("%n job(s)", nullptr, int(plan.jobs.size())) + QStringLiteral(", ")
                      + tr("%n wave(s)", nullptr, int(waves.size()));
    if (!problems.isEmpty()) {
        QStringList ids(problems.cbegin(), problems.cend());
        ids.sort();
        summary += QLatin1Char('\n') + tr("Dependency problems in: %1").arg(ids.join(QStringLiteral(", ")));
    }
    if (!plan.errors.isEmpty())
        summary += QLatin1Char('\n') + plan.errors.join(QLatin1Char('\n'));
    m_summary->setText(summary);
    QPalette palette = this->palette();
    if (!problems.isEmpty() || !plan.errors.isEmpty())
        palette.setColor(QPalette::WindowText, red);
    m_summary->setPalette(palette);
}

} // namespace Orchestrator::Ui
