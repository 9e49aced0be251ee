#pragma once

#include <QWizardPage>

class QLabel;
class QTreeWidget;

namespace Orchestrator::Ui {

class ConversionSession;
class DagView;

// Page 4: the planned jobs drawn with the dashboard's DAG view, and the
// order they would start in, wave by wave (a wave's jobs wait only for
// earlier waves). Dependency problems are drawn in place, in the failed
// colour: workstreams caught in a cycle (which plan no job) as one node
// each, an unknown dependency as a node of its own, and the jobs of the
// workstreams involved. Next waits for a plan without problems.
class PreviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPage)

public:
    explicit PreviewPage(ConversionSession *session, QWidget *parent = nullptr);

    DagView *dagView() const { return m_dag; }
    void initializePage() override;
    bool isComplete() const override;

    static QString previewRunId() { return QStringLiteral("preview"); }

private:
    void showStartOrder();

    ConversionSession *m_session = nullptr;
    DagView *m_dag = nullptr;
    QTreeWidget *m_order = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace Orchestrator::Ui
