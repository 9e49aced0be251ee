// orchestrator resubmit: a new job from an old job's spec (run again,
// duplicate, or edit and resubmit with --edit), through Engine::resubmit.

#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"
#include "spec/jsontext.h"

namespace Orchestrator::Cli {

namespace {

// What git runs: $VISUAL, else $EDITOR, else vi.
QString editorCommand()
{
    for (const char *name : {"VISUAL", "EDITOR"}) {
        const QString value = qEnvironmentVariable(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("vi");
}

// Runs the user's editor on `file` and waits for it. Through the shell, as
// git does, because EDITOR is a command line ("code --wait", "emacs -nw"),
// not a program; the file comes in as "$1", never spliced into that line.
// The editor has the terminal; meanwhile Ctrl-C and Ctrl-\ are its own, as
// git's editor has them.
Status runEditor(const QString &file)
{
    const QString editor = editorCommand();
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), editor + QStringLiteral(" \"$@\""), editor, file});
    if (!process.waitForStarted(-1))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot run the editor \"%1\": %2").arg(editor, process.errorString()));
    // Set after the start, so the editor does not inherit them ignored.
    const auto previousInt = std::signal(SIGINT, SIG_IGN);
    const auto previousQuit = std::signal(SIGQUIT, SIG_IGN);
    process.waitForFinished(-1);
    std::signal(SIGINT, previousInt);
    std::signal(SIGQUIT, previousQuit);
    if (process.exitStatus() != QProcess::NormalExit)
        return Error::make(ErrorCode::Io, QStringLiteral("the editor \"%1\" crashed").arg(editor));
    if (process.exitCode() != 0)
        return Error::make(ErrorCode::Io, QStringLiteral("the editor \"%1\" exited with status %2").arg(editor).arg(process.exitCode()));
    return {};
}

// The error, and where the user's copy of the spec is kept: nothing was submitted.
Error keptCopy(const Error &error, const QString &file, const QString &jobId)
{
    return Error::make(error.code, error.message
                                       + QStringLiteral("\nnothing was submitted; the edited spec is kept in %1 (fix it and run "
                                                        "orchestrator resubmit --job-id %2 --spec %1, with --edit to edit it again)")
                                             .arg(file, jobId));
}

// Writes `spec` to a file of its own, lets the user edit it, and reads it
// back into `request`, whose spec it is from then on (its job_id and run_id
// decide). `file` is set once the file exists; it stays unless the caller
// removes it.
Status editSpec(const QJsonObject &spec, ResubmitRequest &request, QString &file, bool &unchanged)
{
    QTemporaryFile copy(QDir(QDir::tempPath()).filePath(QStringLiteral("orchestrator-resubmit-%1-XXXXXX.json").arg(request.jobId)));
    copy.setAutoRemove(false);
    const QByteArray written = QJsonDocument(spec).toJson(QJsonDocument::Indented);
    if (!copy.open() || copy.write(written) != written.size() || !copy.flush())
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot write the spec to edit: %2").arg(copy.fileName(), copy.errorString()));
    file = copy.fileName();
    copy.close();
    if (Status edited = runEditor(file); !edited)
        return keptCopy(edited.error(), file, request.jobId);
    QFile read(file);
    unchanged = read.open(QIODevice::ReadOnly) && read.readAll() == written;
    auto object = JsonText::readObjectFile(file);
    if (!object)
        return keptCopy(object.error(), file, request.jobId);
    request.spec = *object;
    request.sourceName = file;
    request.newJobId.clear();
    request.runId.clear();
    return {};
}

} // namespace

int resubmitCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption jobId(QStringLiteral("job-id"), QStringLiteral("The job to start from (any state)."), QStringLiteral("id"));
    const QCommandLineOption newId(QStringLiteral("new-id"),
                                   QStringLiteral("The new job's id (default: <id>-r2, -r3, ... the first one free)."),
                                   QStringLiteral("id"));
    const QCommandLineOption runId(QStringLiteral("run-id"), QStringLiteral("The run of the new job (default: the old job's)."),
                                   QStringLiteral("id"));
    const QCommandLineOption edit(QStringLiteral("edit"),
                                  QStringLiteral("Edit a copy of the spec in $VISUAL or $EDITOR (default vi) first; an "
                                                 "unchanged copy is resubmitted as it is."));
    const QCommandLineOption specFile(QStringLiteral("spec"),
                                      QStringLiteral("Start from this job file instead of the old job's spec (e.g. the "
                                                     "copy a failed --edit kept)."),
                                      QStringLiteral("file"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions({jobId, newId, runId, edit, specFile, json});
    int code = 0;
    if (!context.parse(parser,
                       QStringLiteral("Submit a new job whose spec starts from an old job's: run a job again (a succeeded\n"
                                      "one too), duplicate it, or edit and resubmit it. The new job goes into the old\n"
                                      "job's run, keeps its dependencies that still exist, and both record the lineage\n"
                                      "(status: \"resubmitted from\", \"resubmitted as\"). The old job is left as it is."),
                       code))
        return code;
    if (!parser.isSet(jobId))
        return context.usage(QStringLiteral("name the job to resubmit with --job-id"));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());

    ResubmitRequest request;
    request.jobId = parser.value(jobId);
    request.newJobId = parser.value(newId);
    request.runId = parser.value(runId);
    if (parser.isSet(specFile)) {
        auto object = JsonText::readObjectFile(parser.value(specFile));
        if (!object)
            return context.fail(object.error());
        request.spec = *object;
        request.sourceName = parser.value(specFile);
    }
    QString editedFile;
    if (parser.isSet(edit)) {
        auto spec = request.spec ? Result<QJsonObject>(*request.spec) : engine.resubmitSpec(request);
        if (!spec)
            return context.fail(spec.error());
        bool unchanged = false;
        if (Status edited = editSpec(*spec, request, editedFile, unchanged); !edited)
            return context.fail(edited.error());
        if (unchanged)
            QTextStream(stderr) << "orchestrator resubmit: the spec was not changed: resubmitting it as it is\n";
    }
    auto report = engine.resubmit(request);
    if (!report)
        return context.fail(editedFile.isEmpty() ? report.error() : keptCopy(report.error(), editedFile, request.jobId));
    if (!editedFile.isEmpty())
        QFile::remove(editedFile);
    context.warn(report->warnings);
    auto created = engine.job(report->jobIds.value(0));
    if (!created)
        return context.fail(created.error());
    if (parser.isSet(json)) {
        const QJsonObject object{{QStringLiteral("job_id"), created->jobId},
                                 {QStringLiteral("run_id"), created->runId},
                                 {QStringLiteral("state"), toString(created->state)},
                                 {QStringLiteral("resubmitted_from"), created->resubmittedFrom},
                                 {QStringLiteral("warnings"), QJsonArray::fromStringList(report->warnings)}};
        context.out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        context.out() << "resubmitted " << request.jobId << " as " << created->jobId << " to run " << created->runId << ": "
                      << toString(created->state) << '\n';
    }
    return ExitOk;
}

} // namespace Orchestrator::Cli
