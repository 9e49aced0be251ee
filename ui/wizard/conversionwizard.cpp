#include "wizard/conversionwizard.h"

#include <algorithm>

#include <QAbstractButton>
#include <QDir>
#include <QFileInfo>

#include "models/stateicons.h"
#include "tools/toolregistry.h"
#include "wizard/conversionsession.h"
#include "wizard/optionspage.h"
#include "wizard/outputpage.h"
#include "wizard/previewpage.h"
#include "wizard/reviewpage.h"
#include "wizard/sourcepage.h"

namespace Orchestrator::Ui {

namespace {

// The tools a workstream may name: the registry's, as the submit dialog
// offers them; without a registry, the built-in names.
QStringList knownTools()
{
    const Result<ToolRegistry> registry = ToolRegistry::load();
    if (registry)
        return registry->names();
    return {QStringLiteral("aider"), QStringLiteral("codex"), QStringLiteral("git"), QStringLiteral("shell"),
            QStringLiteral("tests")};
}

} // namespace

ConversionWizard::ConversionWizard(QWidget *parent)
    : QWizard(parent)
{
    setObjectName(QStringLiteral("conversionWizard"));
    setWindowTitle(tr("Convert Workstreams"));
    setWindowIcon(applicationIcon());
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage, false);

    m_session = new ConversionSession(this);
    const QStringList tools = knownTools();
    m_sourcePage = new SourcePage(m_session, this);
    m_reviewPage = new ReviewPage(m_session, tools, this);
    m_optionsPage = new OptionsPage(m_session, tools, this);
    m_previewPage = new PreviewPage(m_session, this);
    m_outputPage = new OutputPage(m_session, this);
    setPage(SourcePageId, m_sourcePage);
    setPage(ReviewPageId, m_reviewPage);
    setPage(OptionsPageId, m_optionsPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(OutputPageId, m_outputPage);
    setStartId(SourcePageId);

    setButtonText(QWizard::FinishButton, tr("&Write files"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));

    const QFontMetrics metrics = fontMetrics();
    resize(std::max(sizeHint().width(), metrics.averageCharWidth() * 130), std::max(sizeHint().height(), metrics.height() * 36));
}

ConversionWizard::~ConversionWizard() = default;

void ConversionWizard::addSources(const QStringList &filesOrFolders)
{
    m_sourcePage->addSources(filesOrFolders);
}

void ConversionWizard::setDefaultOutputDirectory(const QString &dir)
{
    m_defaultOutputDirectory = dir;
}

void ConversionWizard::initializePage(int id)
{
    if (id == OutputPageId && m_outputPage->outputDirectory().isEmpty()) {
        QString dir = m_defaultOutputDirectory;
        if (dir.isEmpty() && m_session->count() > 0)
            dir = QFileInfo(m_session->sources().constFirst().file).absoluteDir().filePath(QStringLiteral("jobs"));
        m_outputPage->setOutputDirectory(dir);
    }
    QWizard::initializePage(id);
}

void ConversionWizard::accept()
{
    // Finish ran OutputPage::validatePage(), which wrote the files.
    if (m_outputPage->submitAfterwards()) {
        QStringList files;
        for (const Convert::OutputFile &file : m_outputPage->files())
            files.append(file.path);
        Q_EMIT submitRequested(files);
    }
    QWizard::accept();
}

} // namespace Orchestrator::Ui
