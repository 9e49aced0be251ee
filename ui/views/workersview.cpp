#include "workersview.h"

#include <QColor>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "models/stateicons.h"

namespace Orchestrator::Ui {

namespace {

// Shown with the word "late", never instead of it: colour is a second cue.
QColor lateColor() { return stateColor(JobState::Failed); }

bool sameShown(const EngineRecord &a, const EngineRecord &b)
{
    return a.name == b.name && a.host == b.host && a.pid == b.pid && a.workers == b.workers && a.busy == b.busy
        && a.heartbeatAt == b.heartbeatAt && a.jobsDone == b.jobsDone;
}

} // namespace

WorkersModel::WorkersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int WorkersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_workers.size());
}

int WorkersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 WorkersModel::now() const
{
    return m_fixedNow > 0 ? m_fixedNow : QDateTime::currentMSecsSinceEpoch();
}

void WorkersModel::setCurrentTime(qint64 msSinceEpoch)
{
    m_fixedNow = msSinceEpoch;
    tick();
}

qint64 WorkersModel::lateAfterMs(const EngineRecord &worker) const
{
    // Each worker says how often it beats (its lease / 4); the view's own
    // interval only stands in for engines that do not say.
    return worker.lateAfterMs(m_heartbeatIntervalMs);
}

bool WorkersModel::isLate(int row) const
{
    const EngineRecord &worker = m_workers.at(row);
    return now() - worker.heartbeatAt > lateAfterMs(worker);
}

int WorkersModel::lateCount() const
{
    int late = 0;
    for (int row = 0; row < m_workers.size(); ++row)
        late += isLate(row) ? 1 : 0;
    return late;
}

QString WorkersModel::relativeTime(qint64 ageMs)
{
    const qint64 s = qMax<qint64>(0, ageMs) / 1000;
    if (s < 1)
        return tr("just now");
    if (s < 60)
        return tr("%1 s ago").arg(s);
    if (s < 3600)
        return tr("%1 min ago").arg(s / 60);
    if (s < 48 * 3600)
        return tr("%1 h ago").arg(s / 3600);
    return tr("%1 days ago").arg(s / (24 * 3600));
}

QVariant WorkersModel::displayData(const EngineRecord &worker, int column) const
{
    switch (column) {
    case NameColumn:
        return worker.name.isEmpty() ? worker.owner : worker.name;
    case HostColumn:
        return worker.host;
    case PidColumn:
        return worker.pid;
    case SlotsColumn:
        return worker.workers;
    case BusyColumn:
        return worker.busy;
    case HeartbeatColumn: {
        const qint64 age = now() - worker.heartbeatAt;
        const QString text = relativeTime(age);
        return age > lateAfterMs(worker) ? tr("%1 — late").arg(text) : text;
    }
    case JobsDoneColumn:
        return worker.jobsDone;
    }
    return {};
}

QVariant WorkersModel::sortData(const EngineRecord &worker, int column) const
{
    switch (column) {
    case PidColumn:
        return worker.pid;
    case SlotsColumn:
        return worker.workers;
    case BusyColumn:
        return worker.busy;
    case HeartbeatColumn:
        return worker.heartbeatAt;
    case JobsDoneColumn:
        return worker.jobsDone;
    default:
        return displayData(worker, column);
    }
}

QVariant WorkersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EngineRecord &worker = m_workers.at(index.row());
    const bool late = isLate(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(worker, index.column());
    case SortRole:
        return sortData(worker, index.column());
    case OwnerRole:
        return worker.owner;
    case LateRole:
        return late;
    case Qt::ForegroundRole:
        if (late && (index.column() == NameColumn || index.column() == HeartbeatColumn))
            return lateColor();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == SlotsColumn || index.column() == BusyColumn
            || index.column() == JobsDoneColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == HeartbeatColumn || index.column() == NameColumn) {
            const QString at = QDateTime::fromMSecsSinceEpoch(worker.heartbeatAt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            return late ? tr("%1: last heartbeat at %2, more than %3 s ago. It may have stopped or lost the database; "
                             "its jobs are reclaimed when their lease runs out.")
                              .arg(worker.owner, at)
                              .arg(lateAfterMs(worker) / 1000)
                        : tr("%1: last heartbeat at %2").arg(worker.owner, at);
        }
        return {};
    default:
        return {};
    }
}

QVariant WorkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case HostColumn: return tr("Host");
    case PidColumn: return tr("PID");
    case SlotsColumn: return tr("Slots");
    case BusyColumn: return tr("Busy");
    case HeartbeatColumn: return tr("Last heartbeat");
    case JobsDoneColumn: return tr("Jobs done");
    }
    return {};
}

void WorkersModel::rebuildIndex()
{
    m_rowOf.clear();
    for (int row = 0; row < m_workers.size(); ++row)
        m_rowOf.insert(m_workers.at(row).owner, row);
}

void WorkersModel::setWorkers(const QList<EngineRecord> &workers)
{
    QHash<QString, const EngineRecord *> incoming;
    for (const EngineRecord &worker : workers)
        incoming.insert(worker.owner, &worker);

    // Gone workers first, from the bottom so the rows above keep their numbers.
    bool removed = false;
    for (int row = int(m_workers.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_workers.at(row).owner))
            continue;
        beginRemoveRows({}, row, row);
        m_workers.remove(row);
        endRemoveRows();
        removed = true;
    }
    if (removed)
        rebuildIndex();

    QList<EngineRecord> added;
    for (const EngineRecord &worker : workers) {
        const int row = rowOf(worker.owner);
        if (row < 0) {
            added.append(worker);
            continue;
        }
        if (sameShown(m_workers.at(row), worker))
            continue;
        m_workers[row] = worker;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        const int first = int(m_workers.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const EngineRecord &worker : std::as_const(added)) {
            m_rowOf.insert(worker.owner, int(m_workers.size()));
            m_workers.append(worker);
        }
        endInsertRows();
    }
}

void WorkersModel::tick()
{
    if (m_workers.isEmpty())
        return;
    // Lateness colours the name too.
    Q_EMIT dataChanged(index(0, NameColumn), index(int(m_workers.size()) - 1, NameColumn),
                       {Qt::ForegroundRole, Qt::ToolTipRole, LateRole});
    Q_EMIT dataChanged(index(0, HeartbeatColumn), index(int(m_workers.size()) - 1, HeartbeatColumn));
}

WorkersView::WorkersView(QWidget *parent)
    : QWidget(parent)
{
    m_model = new WorkersModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(WorkersModel::SortRole);

    m_summary = new QLabel;
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(4, 3, 4, 3);
    m_table = new QTableView;
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WorkersModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setAccessibleName(tr("Workers"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(WorkersModel::NameColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    auto fit = [&](int column, const QString &sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column, qMax(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 28);
    };
    fit(WorkersModel::HostColumn, QStringLiteral("build-server-01"));
    fit(WorkersModel::PidColumn, QStringLiteral("4194304"));
    fit(WorkersModel::SlotsColumn, QStringLiteral("64"));
    fit(WorkersModel::BusyColumn, QStringLiteral("64"));
    fit(WorkersModel::HeartbeatColumn, tr("%1 — late").arg(WorkersModel::tr("%1 min ago").arg(59)));
    fit(WorkersModel::JobsDoneColumn, QStringLiteral("100000"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);

    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_model->tick();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WorkersView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WorkersView::updateSummary);
    updateSummary();
}

void WorkersView::setWorkers(const QList<EngineRecord> &workers)
{
    m_model->setWorkers(workers);
    updateSummary();
}

QString WorkersView::summary() const { return m_summary->text(); }

void WorkersView::updateSummary()
{
    const int count = m_model->rowCount();
    if (count == 0) {
        m_summary->setText(tr("No worker is connected to this database."));
        return;
    }
    int slotCount = 0;
    int busy = 0;
    for (int row = 0; row < count; ++row) {
        slotCount += m_model->worker(row).workers;
        busy += m_model->worker(row).busy;
    }
    QString text = tr("%n worker(s), %1 of %2 slots busy", nullptr, count).arg(busy).arg(slotCount);
    if (const int late = m_model->lateCount(); late > 0)
        text += tr(", %n late", nullptr, late);
    m_summary->setText(text);
}

void WorkersView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->tick();
    updateSummary();
    m_clock->start();
}

void WorkersView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_clock->stop();
}

} // namespace Orchestrator::Ui
