#pragma once

#include <QStringList>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableView;

namespace Orchestrator::Ui {

class ChoiceDelegate;
class ConversionSession;
class ReviewModel;

// Page 2: the workstreams read, one row per file, with per-file errors.
// Files can be left out; tool and priority can be changed per workstream.
class ReviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)

public:
    ReviewPage(ConversionSession *session, const QStringList &tools, QWidget *parent = nullptr);

    ReviewModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void initializePage() override;
    bool isComplete() const override;

private:
    void setIncluded(bool included);
    void updateSummary();

    ConversionSession *m_session = nullptr;
    ReviewModel *m_model = nullptr;
    ChoiceDelegate *m_toolDelegate = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_includeButton = nullptr;
    QPushButton *m_excludeButton = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace Orchestrator::Ui
