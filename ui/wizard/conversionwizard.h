#pragma once

#include <memory>

#include <QStringList>
#include <QWizard>

namespace Orchestrator {
class Session;
class ToolRegistry;
}

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
// The planned job ids are checked against the dashboard's database (the
// session of the EngineHost of the window that opens the wizard, or the one
// set with setEngineSession()).
class ConversionWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversionWizard)

public:
    enum PageId { SourcePageId, ReviewPageId, OptionsPageId, PreviewPageId, OutputPageId };

    explicit ConversionWizard(QWidget *parent = nullptr);
    ~ConversionWizard() override;

    // The database whose job ids the planned ones must not reuse.
    void setEngineSession(Session *session);

    // Files, folders or globs for page 1 (e.g. dropped on the dashboard).
    void addSources(const QStringList &filesOrFolders);
    // The output folder offered on page 5 (otherwise the folder the same
    // workstreams were last converted into, or one outside their checkout:
    // see wizard/outputfolder.h; the fallback is used when that cannot be
    // written).
    void setDefaultOutputDirectory(const QString &dir);
    void setFallbackOutputDirectory(const QString &dir);
    // Where page 5 starts when nothing was set.
    QString suggestedOutputDirectory() const;
    // The folder of the first usable workstream file ("" when none is).
    QString sourceDirectory() const;

    // True for a workstream file (a JSON object with "tasks" or "files_scope"
    // and no "job_id") and for a folder whose first such JSON file is one;
    // reads at most the first MiB of a file.
    static bool looksLikeWorkstreams(const QString &path);

    ConversionSession *session() const { return m_session; }
    SourcePage *sourcePage() const { return m_sourcePage; }
    ReviewPage *reviewPage() const { return m_reviewPage; }
    OptionsPage *optionsPage() const { return m_optionsPage; }
    PreviewPage *previewPage() const { return m_previewPage; }
    OutputPage *outputPage() const { return m_outputPage; }

    void initializePage(int id) override;

public Q_SLOTS:
    // QWizard validates the last page (which writes the files) in done(),
    // not before accept(): submitting is done after that, and only if it
    // succeeded.
    void done(int result) override;

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
    QString m_fallbackOutputDirectory;
    std::unique_ptr<ToolRegistry> m_tools;
};

} // namespace Orchestrator::Ui
