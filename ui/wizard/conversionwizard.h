#pragma once

#include <QStringList>
#include <QWizard>

namespace Orchestrator::Ui {

class ConversionSession;
class OptionsPage;
class OutputPage;
class PreviewPage;
class ReviewPage;
class SourcePage;

// Turns workstream files (the predecessor's format) into job files, step by
// step: sources, review, mapping options, a preview of the job graph, and
// the output folder. Reached from File > Convert workstreams… and by
// dropping workstream files on the dashboard. Finish writes the files; if
// asked, submitRequested() then hands them to the dashboard to submit.
class ConversionWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversionWizard)

public:
    enum PageId { SourcePageId, ReviewPageId, OptionsPageId, PreviewPageId, OutputPageId };

    explicit ConversionWizard(QWidget *parent = nullptr);
    ~ConversionWizard() override;

    // Files, folders or globs for page 1 (e.g. dropped on the dashboard).
    void addSources(const QStringList &filesOrFolders);
    // The output folder offered on page 5 (otherwise "jobs" beside the first source).
    void setDefaultOutputDirectory(const QString &dir);

    ConversionSession *session() const { return m_session; }
    SourcePage *sourcePage() const { return m_sourcePage; }
    ReviewPage *reviewPage() const { return m_reviewPage; }
    OptionsPage *optionsPage() const { return m_optionsPage; }
    PreviewPage *previewPage() const { return m_previewPage; }
    OutputPage *outputPage() const { return m_outputPage; }

    void initializePage(int id) override;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    // "Submit as a new run now": the job files written, in start order. The
    // submission gets a run id of its own (EngineHost::submitFiles takes none).
    void submitRequested(const QStringList &jobFiles);

private:
    ConversionSession *m_session = nullptr;
    SourcePage *m_sourcePage = nullptr;
    ReviewPage *m_reviewPage = nullptr;
    OptionsPage *m_optionsPage = nullptr;
    PreviewPage *m_previewPage = nullptr;
    OutputPage *m_outputPage = nullptr;
    QString m_defaultOutputDirectory;
};

} // namespace Orchestrator::Ui
