#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWizardPage>

#include "convert/conversion.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Orchestrator::Ui {

class ConversionSession;

// Page 5: where the job files go, what writing them would do to each file
// (with a diff for a file that changes), and whether to submit them as a new
// run at once. Finish writes them (ConversionWizard submits).
class OutputPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputPage)

public:
    explicit OutputPage(ConversionSession *session, QWidget *parent = nullptr);
    ~OutputPage() override;

    void setOutputDirectory(const QString &dir);
    QString outputDirectory() const;
    bool submitAfterwards() const;
    // Submitting is not offered, for `reason` (e.g. job ids already in the
    // database); "" offers it again.
    void setSubmitBlocked(const QString &reason);
    // The files of the last preview, and what the last write did.
    const QList<Convert::OutputFile> &files() const { return m_files; }
    const Convert::WriteReport &report() const { return m_report; }
    // True while the preview is being worked out.
    bool isPreviewing() const { return m_watcher.isRunning() || m_refreshTimer.isActive(); }

    void initializePage() override;
    bool isComplete() const override;
    // Writes the files; false (and a message) if that failed or cannot be done.
    bool validatePage() override;

    static QString actionName(Convert::OutputFile::Action action);

Q_SIGNALS:
    void previewReady();

private:
    void browse();
    void scheduleRefresh();
    void startPreview();
    void showFiles(const QList<Convert::OutputFile> &files);
    void showDiff();
    void showError(const QString &text);

    ConversionSession *m_session = nullptr;
    QList<Convert::OutputFile> m_files;
    Convert::WriteReport m_report;
    QFutureWatcher<QList<Convert::OutputFile>> m_watcher;
    QTimer m_refreshTimer;
    bool m_restartPreview = false;

    QLineEdit *m_dirEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QCheckBox *m_forceCheck = nullptr;
    QTreeWidget *m_fileList = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QCheckBox *m_submitCheck = nullptr;
    QLabel *m_submitBlocked = nullptr;
};

} // namespace Orchestrator::Ui
