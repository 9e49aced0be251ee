#include "wizard/conversionwizard.h"

#include <algorithm>

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "controller/enginehost.h"
#include "core/databasefiles.h"
#include "dialogs/screenfit.h"
#include "models/stateicons.h"
#include "tools/toolregistry.h"
#include "wizard/conversionsession.h"
#include "wizard/optionspage.h"
#include "wizard/outputfolder.h"
#include "wizard/outputpage.h"
#include "wizard/previewpage.h"
#include "wizard/reviewpage.h"
#include "wizard/sourcepage.h"

namespace Orchestrator::Ui {

namespace {

// A workstream file is small; a dropped file larger than this is no
// workstream worth reading on the GUI thread.
constexpr qint64 kMaxSniffBytes = 1024 * 1024;

// The tools a workstream may name: the registry's, as the submit dialog
// offers them; without a registry, the built-in names.
QStringList knownTools(const ToolRegistry *registry)
{
    if (registry)
        return registry->names();
    return {QStringLiteral("aider"), QStringLiteral("codex"), QStringLiteral("git"), QStringLiteral("shell"),
            QStringLiteral("tests")};
}

// 1: a workstream, 0: a job file or another JSON object, -1: not JSON (or unreadable).
int sniffFile(const QString &path)
{
    if (DatabaseFiles::isInUse(path))
        return -1;   // only SQLite may open it
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxSniffBytes)
        return -1;
    QByteArray content = file.read(kMaxSniffBytes);
    if (content.startsWith("\xEF\xBB\xBF"))
        content.remove(0, 3);
    const QJsonDocument document = QJsonDocument::fromJson(content);
    if (!document.isObject())
        return -1;
    const QJsonObject object = document.object();
    if (object.contains(QLatin1String("job_id")))
        return 0;
    return object.contains(QLatin1String("tasks")) || object.contains(QLatin1String("files_scope")) ? 1 : 0;
}

} // namespace

bool ConversionWizard::looksLikeWorkstreams(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return sniffFile(path) == 1;
    // A folder is what its first readable JSON object is.
    const QFileInfoList files = QDir(path).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        const int kind = sniffFile(file.absoluteFilePath());
        if (kind >= 0)
            return kind == 1;
    }
    return false;
}

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
    if (Result<ToolRegistry> registry = ToolRegistry::load())
        m_tools = std::make_unique<ToolRegistry>(std::move(registry).value());
    const QStringList tools = knownTools(m_tools.get());
    m_sourcePage = new SourcePage(m_session, this);
    m_reviewPage = new ReviewPage(m_session, tools, this);
    m_optionsPage = new OptionsPage(m_session, tools, this);
    // Planned jobs are checked as `orchestrator validate` would check them.
    m_optionsPage->setToolRegistry(m_tools.get());
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

    // The dashboard opening the wizard is its engine's window.
    if (const auto *host = parent ? parent->findChild<EngineHost *>(QString(), Qt::FindDirectChildrenOnly) : nullptr)
        setEngineSession(host->session());

    // As wide as the widest page wants from the start, where the screen
    // allows: a wizard that grows as the user moves on keeps its left edge,
    // and its right one leaves the screen.
    const QFontMetrics metrics = fontMetrics();
    int widest = 0;
    for (int id : pageIds())
        widest = std::max({widest, page(id)->minimumSizeHint().width(), page(id)->sizeHint().width()});
    const int width = std::max({sizeHint().width(), widest + metrics.averageCharWidth() * 8, metrics.averageCharWidth() * 130});
    resize(boundedToScreen(this, QSize(width, std::max(sizeHint().height(), metrics.height() * 36))));
}

void ConversionWizard::setEngineSession(Session *session)
{
    m_previewPage->setEngineSession(session);
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

void ConversionWizard::setFallbackOutputDirectory(const QString &dir)
{
    m_fallbackOutputDirectory = dir;
}

QString ConversionWizard::sourceDirectory() const
{
    for (int row = 0; row < m_session->count(); ++row) {
        if (m_session->isUsable(row))
            return QFileInfo(m_session->sources().at(row).file).absolutePath();
    }
    return {};
}

QString ConversionWizard::suggestedOutputDirectory() const
{
    if (!m_defaultOutputDirectory.isEmpty())
        return m_defaultOutputDirectory;
    const QString source = sourceDirectory();
    if (source.isEmpty())
        return m_fallbackOutputDirectory;
    // The same workstreams again: where their job files are, so that the
    // conversion sees its earlier output and what was edited in it since.
    if (const QString remembered = OutputFolder::remembered(source); !remembered.isEmpty())
        return remembered;
    return OutputFolder::suggested(source, m_fallbackOutputDirectory);
}

void ConversionWizard::initializePage(int id)
{
    if (id == OutputPageId) {
        if (m_outputPage->outputDirectory().isEmpty())
            m_outputPage->setOutputDirectory(suggestedOutputDirectory());
        m_outputPage->setSubmitBlocked(m_previewPage->submitBlockedReason());
    }
    QWizard::initializePage(id);
}

void ConversionWizard::done(int result)
{
    setResult(Rejected);
    QWizard::done(result);
    // Still Rejected when OutputPage::validatePage() refused or failed to write.
    if (result != Accepted || this->result() != Accepted)
        return;
    OutputFolder::remember(sourceDirectory(), m_outputPage->outputDirectory());
    if (!m_outputPage->submitAfterwards())
        return;
    QStringList files;
    for (const Convert::OutputFile &file : m_outputPage->files())
        files.append(file.path);
    Q_EMIT submitRequested(files);
}

} // namespace Orchestrator::Ui
