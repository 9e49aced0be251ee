#pragma once

#include <QList>
#include <QStyledItemDelegate>

namespace Orchestrator::Ui {

// Edits a cell with a combo box of fixed choices: (label, value) pairs; the
// model's EditRole holds the value.
class ChoiceDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceDelegate)

public:
    using Choice = std::pair<QString, QString>;
    explicit ChoiceDelegate(QObject *parent = nullptr);

    void setChoices(const QList<Choice> &choices) { m_choices = choices; }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QList<Choice> m_choices;
};

} // namespace Orchestrator::Ui
