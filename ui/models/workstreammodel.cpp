#include "workstreammodel.h"

#include <utility>

#include <QSet>

#include "models/stateicons.h"

namespace Orchestrator::Ui {

namespace {

bool isFailure(JobState state)
{
    return state == JobState::Failed || state == JobState::TimedOut || state == JobState::UpstreamFailed;
}

QString keyOf(const QString &runId, const QString &workstreamId)
{
    return runId + QLatin1Char('\n') + workstreamId;
}

} // namespace

WorkstreamModel::WorkstreamModel(QObject *parent)
    : QStandardItemModel(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Run / workstream"), tr("Done"), tr("Failed"), tr("Cost")});
}

QStandardItem *WorkstreamModel::runItem(const QString &runId)
{
    if (QStandardItem *item = m_items.value(runId))
        return item;
    auto *name = new QStandardItem;
    name->setData(runId, RunIdRole);
    showName(name);
    QList<QStandardItem *> row{name, new QStandardItem, new QStandardItem, new QStandardItem};
    for (QStandardItem *cell : row)
        cell->setEditable(false);
    // Newest run first: runs are named by time by default.
    insertRow(0, row);
    m_items.insert(runId, name);
    return name;
}

QStandardItem *WorkstreamModel::workstreamItem(const QString &runId, const QString &workstreamId)
{
    const QString key = keyOf(runId, workstreamId);
    if (QStandardItem *item = m_items.value(key))
        return item;
    QStandardItem *run = runItem(runId);
    auto *name = new QStandardItem(workstreamId);
    name->setData(runId, RunIdRole);
    name->setData(workstreamId, WorkstreamIdRole);
    QList<QStandardItem *> row{name, new QStandardItem, new QStandardItem, new QStandardItem};
    for (QStandardItem *cell : row)
        cell->setEditable(false);
    run->appendRow(row);
    m_items.insert(key, name);
    return name;
}

void WorkstreamModel::showName(QStandardItem *runItem)
{
    const QString runId = runItem->data(RunIdRole).toString();
    const QString title = m_runTitles.value(runId);
    const QString text = title.isEmpty() ? runId : title;
    const QString toolTip = title.isEmpty() ? QString() : runId;
    // Only what changed: each setData is a dataChanged of its own.
    if (runItem->text() != text)
        runItem->setText(text);
    if (runItem->toolTip() != toolTip)
        runItem->setToolTip(toolTip);
}

void WorkstreamModel::setRunTitles(const QHash<QString, QString> &titles)
{
    const QHash<QString, QString> before = std::exchange(m_runTitles, titles);
    QSet<QString> changed;
    for (auto it = titles.cbegin(); it != titles.cend(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key());
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!titles.contains(it.key()))
            changed.insert(it.key());
    }
    for (const QString &runId : std::as_const(changed)) {
        if (QStandardItem *item = m_items.value(runId))
            showName(item);
    }
}

void WorkstreamModel::add(Counts &counts, JobState state, const AttemptUsage &usage, int delta)
{
    counts.usage.add(usage, delta);
    counts.total += delta;
    if (isFinal(state))
        counts.done += delta;
    if (isFailure(state))
        counts.failed += delta;
    if (state == JobState::Cancelled)
        counts.cancelled += delta;
    if (state == JobState::Running)
        counts.running += delta;
}

void WorkstreamModel::show(QStandardItem *nameItem, const Counts &counts)
{
    QStandardItem *parent = nameItem->parent() ? nameItem->parent() : invisibleRootItem();
    const int row = nameItem->row();
    const QString progress = counts.running > 0 ? tr("%1/%2 (%3 running)").arg(counts.done).arg(counts.total).arg(counts.running)
                                                : tr("%1/%2").arg(counts.done).arg(counts.total);
    if (QStandardItem *cell = parent->child(row, ProgressColumn); cell && cell->text() != progress)
        cell->setText(progress);
    const QString failed = counts.failed > 0 ? QString::number(counts.failed) : QString();
    if (QStandardItem *cell = parent->child(row, FailedColumn); cell && cell->text() != failed) {
        cell->setText(failed);
        cell->setForeground(counts.failed > 0 ? QBrush(stateColor(JobState::Failed)) : QBrush());
    }
    const QString cost = UsageWords::cost(counts.usage);
    if (QStandardItem *cell = parent->child(row, CostColumn); cell && cell->text() != cost) {
        cell->setText(cost);
        cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    const QString tokens = UsageWords::details(counts.usage);
    if (QStandardItem *cell = parent->child(row, CostColumn); cell && cell->toolTip() != tokens)
        cell->setToolTip(tokens);
}

UsageTotal WorkstreamModel::usage(const QString &runId, const QString &workstreamId) const
{
    return m_counts.value(workstreamId.isEmpty() ? runId : keyOf(runId, workstreamId)).usage;
}

std::optional<WorkstreamModel::RunOutcome> WorkstreamModel::finishedRun(const QString &runId) const
{
    const Counts counts = m_counts.value(runId);
    if (counts.total == 0 || counts.done != counts.total)
        return std::nullopt;
    return RunOutcome{counts.done - counts.failed - counts.cancelled, counts.failed, counts.cancelled};
}

bool WorkstreamModel::hasUnfinishedJobs(const QString &runId) const
{
    const Counts counts = m_counts.value(runId);
    return counts.total > 0 && counts.done != counts.total;
}

QString WorkstreamModel::outcomeText(const RunOutcome &outcome)
{
    QStringList parts;
    if (outcome.succeeded > 0)
        parts.append(tr("%n succeeded", nullptr, outcome.succeeded));
    if (outcome.failed > 0)
        parts.append(tr("%n failed", nullptr, outcome.failed));
    if (outcome.cancelled > 0)
        parts.append(tr("%n cancelled", nullptr, outcome.cancelled));
    return parts.join(QStringLiteral(", "));
}

void WorkstreamModel::applyJobs(const QList<JobRecord> &jobs)
{
    QSet<QString> touched;
    for (const JobRecord &job : jobs) {
        const QString key = keyOf(job.runId, job.workstreamId);
        if (auto it = m_jobs.find(job.jobId); it != m_jobs.end()) {
            const QString oldRun = it->key.section(QLatin1Char('\n'), 0, 0);
            add(m_counts[it->key], it->state, it->usage, -1);
            add(m_counts[oldRun], it->state, it->usage, -1);
            touched.insert(it->key);
            touched.insert(oldRun);
        }
        workstreamItem(job.runId, job.workstreamId);
        add(m_counts[key], job.state, job.usage, +1);
        add(m_counts[job.runId], job.state, job.usage, +1);
        m_jobs.insert(job.jobId, Seen{key, job.state, job.usage});
        touched.insert(key);
        touched.insert(job.runId);
    }
    for (const QString &key : std::as_const(touched)) {
        if (QStandardItem *item = m_items.value(key))
            show(item, m_counts.value(key));
    }
}

} // namespace Orchestrator::Ui
