#include "wizard/conversionwizard.h"

#include <algorithm>

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/databasefiles.h"
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

bool canCreateBelow(const QString &dir)
{
    QFileInfo info(dir);
    // The nearest existing ancestor decides whether the folder can be made.
    while (!info.exists() && !info.isRoot() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    return info.isDir() && info.isWritable();
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

void ConversionWizard::setFallbackOutputDirectory(const QString &dir)
{
    m_fallbackOutputDirectory = dir;
}

QString ConversionWizard::suggestedOutputDirectory() const
{
    if (!m_defaultOutputDirectory.isEmpty())
        return m_defaultOutputDirectory;
    for (int row = 0; row < m_session->count(); ++row) {
        if (!m_session->isUsable(row))
            continue;
        QDir dir = QFileInfo(m_session->sources().at(row).file).absoluteDir();
        // Job files beside the workstreams folder, not mixed into it.
        if (dir.dirName().contains(QLatin1String("workstream"), Qt::CaseInsensitive))
            dir.cdUp();
        const QString candidate = dir.filePath(QStringLiteral("jobs"));
        if (canCreateBelow(candidate) || m_fallbackOutputDirectory.isEmpty())
            return candidate;
        break;
    }
    return m_fallbackOutputDirectory;
}

void ConversionWizard::initializePage(int id)
{
    if (id == OutputPageId && m_outputPage->outputDirectory().isEmpty())
        m_outputPage->setOutputDirectory(suggestedOutputDirectory());
    QWizard::initializePage(id);
}

void ConversionWizard::done(int result)
{
    setResult(Rejected);
    QWizard::done(result);
    // Still Rejected when OutputPage::validatePage() refused or failed to write.
    if (result != Accepted || this->result() != Accepted || !m_outputPage->submitAfterwards())
        return;
    QStringList files;
    for (const Convert::OutputFile &file : m_outputPage->files())
        files.append(file.path);
    Q_EMIT submitRequested(files);
}

} // namespace Orchestrator::Ui
