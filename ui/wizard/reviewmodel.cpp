#include "wizard/reviewmodel.h"

#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include "wizard/conversionsession.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

QString bulletList(const QStringList &items)
{
    QStringList lines;
    for (const QString &item : items)
        lines.append(QStringLiteral("• ") + item);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ReviewModel::ReviewModel(ConversionSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    rebuildKnownIds();
    connect(session, &ConversionSession::sourcesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(session, &ConversionSession::sourcesInserted, this, [this](int, int) { endInsertRows(); });
    connect(session, &ConversionSession::sourceAboutToBeRemoved, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(session, &ConversionSession::sourceRemoved, this, [this](int) { endRemoveRows(); });
    connect(session, &ConversionSession::sourcesChanged, this, [this](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    });
    // Inclusion of one workstream changes which dependencies of others are known.
    connect(session, &ConversionSession::planChanged, this, [this] {
        const QSet<QString> before = m_includedIds;
        rebuildKnownIds();
        if (before != m_includedIds && rowCount() > 0)
            Q_EMIT dataChanged(index(0, DependsColumn), index(rowCount() - 1, DependsColumn));
    });
}

int ReviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_session->count();
}

int ReviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ReviewModel::setDefaultTool(const QString &tool)
{
    if (m_defaultTool == tool)
        return;
    m_defaultTool = tool;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ToolColumn), index(rowCount() - 1, ToolColumn));
}

void ReviewModel::rebuildKnownIds()
{
    m_includedIds.clear();
    for (int row = 0; row < m_session->count(); ++row) {
        if (m_session->isUsable(row))
            m_includedIds.insert(m_session->sources().at(row).workstream->id);
    }
}

QStringList ReviewModel::unknownDependencies(int row) const
{
    QStringList unknown;
    const auto &workstream = m_session->sources().at(row).workstream;
    if (!workstream)
        return unknown;
    for (const QString &id : workstream->dependsOn) {
        if (!m_includedIds.contains(id))
            unknown.append(id);
    }
    return unknown;
}

QVariant ReviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const int column = index.column();
    const Convert::SourceFile &source = m_session->sources().at(row);
    const auto &workstream = source.workstream;

    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::EditRole:
    case RawRole:
        if (column == ToolColumn)
            return workstream ? workstream->tool : QString();
        if (column == PriorityColumn)
            return workstream && workstream->priority ? toString(*workstream->priority) : QString();
        return display(row, column);
    case Qt::CheckStateRole:
        if (column == IncludeColumn)
            return m_session->isUsable(row) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::ForegroundRole:
        if (!source.error.isEmpty() || (column == DependsColumn && !unknownDependencies(row).isEmpty() && m_session->isUsable(row)))
            return errorColor(QGuiApplication::palette());
        if (workstream && source.excluded)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if ((column == ToolColumn && workstream && workstream->tool.isEmpty())
            || (column == PriorityColumn && workstream && !workstream->priority))
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if ((column == ToolColumn && workstream && workstream->tool.isEmpty())
            || (column == PriorityColumn && workstream && !workstream->priority)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == FilesColumn || column == TasksColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ReviewModel::display(int row, int column) const
{
    const Convert::SourceFile &source = m_session->sources().at(row);
    const auto &workstream = source.workstream;
    if (column == FileColumn)
        return QFileInfo(source.file).fileName();
    if (!workstream) {
        // A broken (or not yet parsed) file: its error takes the title's place.
        if (column == TitleColumn)
            return source.error.isEmpty() ? tr("(not parsed yet)") : source.error;
        if (column == IdColumn)
            return tr("(error)");
        return {};
    }
    switch (column) {
    case IdColumn:
        return workstream->id;
    case TitleColumn:
        return workstream->title;
    case ToolColumn:
        return workstream->tool.isEmpty() ? tr("default (%1)").arg(m_defaultTool) : workstream->tool;
    case PriorityColumn:
        return workstream->priority ? toString(*workstream->priority) : tr("default");
    case FilesColumn:
        return int(workstream->filesScope.size());
    case TasksColumn:
        return int(workstream->tasks.size());
    case DependsColumn:
        return workstream->dependsOn.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant ReviewModel::toolTip(int row, int column) const
{
    const Convert::SourceFile &source = m_session->sources().at(row);
    const auto &workstream = source.workstream;
    if (!workstream)
        return source.error.isEmpty() ? QVariant() : QVariant(source.error);
    switch (column) {
    case IncludeColumn:
        return source.excluded ? tr("Left out of the conversion") : tr("Converted into jobs");
    case FilesColumn:
        return workstream->filesScope.isEmpty() ? QVariant() : QVariant(bulletList(workstream->filesScope));
    case TasksColumn:
        return workstream->tasks.isEmpty() ? QVariant() : QVariant(bulletList(workstream->tasks));
    case DependsColumn: {
        const QStringList unknown = unknownDependencies(row);
        if (unknown.isEmpty())
            return workstream->dependsOn.join(QStringLiteral(", "));
        return tr("Not among the included workstreams: %1").arg(unknown.join(QStringLiteral(", ")));
    }
    case FileColumn:
        return source.file;
    default:
        return {};
    }
}

QVariant ReviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IncludeColumn: return tr("Include");
    case IdColumn: return tr("Id");
    case TitleColumn: return tr("Title");
    case ToolColumn: return tr("Tool");
    case PriorityColumn: return tr("Priority");
    case FilesColumn: return tr("Files");
    case TasksColumn: return tr("Tasks");
    case DependsColumn: return tr("Depends on");
    case FileColumn: return tr("File");
    default: return {};
    }
}

Qt::ItemFlags ReviewModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_session->sources().at(index.row()).workstream)
        return flags;
    if (index.column() == IncludeColumn)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == ToolColumn || index.column() == PriorityColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool ReviewModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !(flags(index) & (Qt::ItemIsUserCheckable | Qt::ItemIsEditable)))
        return false;
    const int row = index.row();
    if (index.column() == IncludeColumn && role == Qt::CheckStateRole) {
        m_session->setExcluded(row, value.toInt() != int(Qt::Checked));
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    if (index.column() == ToolColumn) {
        m_session->setTool(row, value.toString());
        return true;
    }
    if (index.column() == PriorityColumn) {
        const QString text = value.toString();
        if (text.isEmpty()) {
            m_session->setPriority(row, std::nullopt);
            return true;
        }
        const std::optional<Priority> priority = priorityFromString(text);
        if (!priority)
            return false;
        m_session->setPriority(row, priority);
        return true;
    }
    return false;
}

} // namespace Orchestrator::Ui
