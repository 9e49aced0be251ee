#pragma once

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>

namespace Orchestrator::Ui {

class ConversionSession;

// The wizard's review table: one row per source file, in the session's
// order. Broken files show their error (in red) and cannot be included; good
// ones can be left out (Include) and have their tool and priority edited.
class ReviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewModel)

public:
    enum Column { IncludeColumn, IdColumn, TitleColumn, ToolColumn, PriorityColumn, FilesColumn,
                  TasksColumn, DependsColumn, FileColumn, ColumnCount };
    // The raw value for editors and sorting: tool name or priority name, "" for the default.
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit ReviewModel(ConversionSession *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    // Shown for an empty tool: the default tool of the options.
    void setDefaultTool(const QString &tool);

private:
    QVariant display(int row, int column) const;
    QVariant toolTip(int row, int column) const;
    QStringList unknownDependencies(int row) const;
    void rebuildKnownIds();

    ConversionSession *m_session = nullptr;
    QString m_defaultTool;
    QSet<QString> m_includedIds;    // for "depends on" problems
};

} // namespace Orchestrator::Ui
