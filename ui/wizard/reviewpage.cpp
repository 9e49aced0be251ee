#include "wizard/reviewpage.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "wizard/choicedelegate.h"
#include "wizard/conversionsession.h"
#include "wizard/reviewmodel.h"

namespace Orchestrator::Ui {

ReviewPage::ReviewPage(ConversionSession *session, const QStringList &tools, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review Workstreams"));
    setSubTitle(tr("Files with errors are left out. Untick Include to leave out more; double-click (or F2) "
                   "a tool or priority to change it for one workstream."));

    m_model = new ReviewModel(session, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setAccessibleName(tr("Workstreams"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    // Tab leaves the table (arrows move between cells), so the buttons below stay reachable.
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(ReviewModel::TitleColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    auto fit = [&](int column, const QString &sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_table->setColumnWidth(column, std::max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 28);
    };
    fit(ReviewModel::IncludeColumn, QStringLiteral("M"));
    fit(ReviewModel::IdColumn, QStringLiteral("ws-release-00"));
    fit(ReviewModel::ToolColumn, tr("default (%1)").arg(QStringLiteral("aider")));
    fit(ReviewModel::PriorityColumn, QStringLiteral("critical"));
    fit(ReviewModel::FilesColumn, QStringLiteral("999"));
    fit(ReviewModel::TasksColumn, QStringLiteral("999"));
    fit(ReviewModel::DependsColumn, QStringLiteral("ws-01, ws-02"));
    fit(ReviewModel::FileColumn, QStringLiteral("ws-release-00.json"));
    m_table->setColumnWidth(ReviewModel::TitleColumn, 200);

    m_toolDelegate = new ChoiceDelegate(this);
    m_table->setItemDelegateForColumn(ReviewModel::ToolColumn, m_toolDelegate);
    QList<ChoiceDelegate::Choice> toolChoices{{tr("default"), QString()}};
    for (const QString &tool : tools)
        toolChoices.append({tool, tool});
    m_toolDelegate->setChoices(toolChoices);
    auto *priorityDelegate = new ChoiceDelegate(this);
    QList<ChoiceDelegate::Choice> priorityChoices{{tr("default"), QString()}};
    for (Priority priority : {Priority::Low, Priority::Normal, Priority::High, Priority::Critical})
        priorityChoices.append({toString(priority), toString(priority)});
    priorityDelegate->setChoices(priorityChoices);
    m_table->setItemDelegateForColumn(ReviewModel::PriorityColumn, priorityDelegate);

    auto *tableLabel = new QLabel(tr("&Workstreams:"), this);
    tableLabel->setBuddy(m_table);

    m_includeButton = new QPushButton(tr("&Include"), this);
    m_includeButton->setObjectName(QStringLiteral("includeButton"));
    m_includeButton->setToolTip(tr("Convert the selected workstreams"));
    m_excludeButton = new QPushButton(tr("&Leave out"), this);
    m_excludeButton->setObjectName(QStringLiteral("excludeButton"));
    m_excludeButton->setToolTip(tr("Leave the selected workstreams out of the conversion"));
    connect(m_includeButton, &QPushButton::clicked, this, [this] { setIncluded(true); });
    connect(m_excludeButton, &QPushButton::clicked, this, [this] { setIncluded(false); });

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_includeButton);
    buttons->addWidget(m_excludeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tableLabel);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(session, &ConversionSession::planChanged, this, [this] {
        updateSummary();
        Q_EMIT completeChanged();
    });
}

void ReviewPage::initializePage()
{
    m_model->setDefaultTool(m_session->options().defaultTool);
    // Ids and file names of the set at hand, within reason (the title stretches).
    const int widest = fontMetrics().averageCharWidth() * 34;
    for (int column : {int(ReviewModel::IdColumn), int(ReviewModel::FileColumn)}) {
        m_table->resizeColumnToContents(column);
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), widest));
    }
    updateSummary();
}

bool ReviewPage::isComplete() const
{
    for (int row = 0; row < m_session->count(); ++row) {
        if (m_session->isUsable(row))
            return true;
    }
    return false;
}

void ReviewPage::setIncluded(bool included)
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        m_session->setExcluded(index.row(), !included);
}

void ReviewPage::updateSummary()
{
    int included = 0;
    for (int row = 0; row < m_session->count(); ++row)
        included += m_session->isUsable(row) ? 1 : 0;
    const int broken = m_session->brokenCount();
    QString text = tr("%n workstream(s) read, ", nullptr, m_session->parsedCount()) + tr("%n included", nullptr, included);
    if (broken > 0)
        text += tr("; %n file(s) with errors left out", nullptr, broken);
    m_summary->setText(text);
}

} // namespace Orchestrator::Ui
