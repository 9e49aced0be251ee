#pragma once

#include <QHash>
#include <QStringList>
#include <QWizardPage>

#include "convert/conversion.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Orchestrator::Ui {

class ConversionSession;
class ProblemList;

// Page 1: workstream files or folders to convert. Files are read and checked
// on a worker thread; the list shows each file's status as its result comes
// in, so a thousand files never freeze the window.
class SourcePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcePage)

public:
    explicit SourcePage(ConversionSession *session, QWidget *parent = nullptr);
    ~SourcePage() override;

    // Files, folders (their *.json) or globs; parsed in the background.
    void addSources(const QStringList &inputs);
    bool isParsing() const { return m_running > 0; }
    bool isComplete() const override;

    // What one step of the background scan reports.
    struct ScanEvent
    {
        QStringList listed;             // files found, not parsed yet
        Convert::SourceFile parsed;     // one file's result (file empty: none)
        QString inputError;             // an input that matched nothing
    };

Q_SIGNALS:
    void parsingFinished();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void addFiles();
    void addFolder();
    void removeSelected();
    void applyEvents(const QList<ScanEvent> &events);
    void insertItems(int first, int last);
    void updateItems(int first, int last);
    void updateItem(QTreeWidgetItem *item, const Convert::SourceFile &source) const;
    void updateSummary();
    QString startDirectory() const;

    ConversionSession *m_session = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_addFilesButton = nullptr;
    QPushButton *m_addFolderButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    ProblemList *m_inputErrors = nullptr;
    QStringList m_inputErrorTexts;
    int m_running = 0;
    QList<QObject *> m_watchers;
};

} // namespace Orchestrator::Ui
