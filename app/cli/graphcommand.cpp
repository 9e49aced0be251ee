// `orchestrator graph`: a run's dependency graph laid out without a display,
// written as SVG, PNG (when the dashboard is built) or Graphviz DOT.

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/databasefiles.h"
#include "graph/daglayout.h"
#include "graph/graphexport.h"
#include "graph/rungraph.h"
#include "api/engine.h"

namespace Orchestrator::Cli {

namespace {

PngRenderer g_pngRenderer = nullptr;

Result<QString> newestRun(Engine &engine)
{
    auto runs = engine.runs(1);
    if (!runs)
        return runs.error();
    if (runs->isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("the database has no runs yet"));
    return runs->first().runId;
}

} // namespace

void setPngRenderer(PngRenderer renderer) { g_pngRenderer = renderer; }

int graphCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("The run to draw (default: the newest)."), QStringLiteral("id"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output file: .svg, .png or .dot."), QStringLiteral("file"));
    const QCommandLineOption direction(QStringLiteral("direction"), QStringLiteral("td (top-down, default) or lr (left-right)."),
                                       QStringLiteral("td|lr"), QStringLiteral("td"));
    const QCommandLineOption collapse(QStringLiteral("collapse"), QStringLiteral("Draw these workstreams as one node each (comma-separated)."),
                                      QStringLiteral("ids"));
    const QCommandLineOption collapseAll(QStringLiteral("collapse-all"), QStringLiteral("Draw every workstream as one node."));
    parser.addOptions({run, out, direction, collapse, collapseAll});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Lay out a run's job graph and write it as SVG, PNG or DOT."), code))
        return code;
    if (!parser.isSet(out))
        return context.usage(QStringLiteral("--out FILE.svg|FILE.png|FILE.dot is required"));
    const QString outFile = parser.value(out);
    const QString format = QFileInfo(outFile).suffix().toLower();
    if (format != QLatin1String("svg") && format != QLatin1String("png") && format != QLatin1String("dot"))
        return context.usage(QStringLiteral("--out %1: the file name must end in .svg, .png or .dot").arg(outFile));
    if (format == QLatin1String("png") && !g_pngRenderer)
        return context.usage(QStringLiteral("--out %1: PNG needs the dashboard build; write .svg or .dot").arg(outFile));
    const QString dir = parser.value(direction).toLower();
    if (dir != QLatin1String("td") && dir != QLatin1String("lr"))
        return context.usage(QStringLiteral("--direction: expected td or lr, not \"%1\"").arg(parser.value(direction)));

    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    QString runId = parser.value(run);
    if (runId.isEmpty()) {
        auto newest = newestRun(engine);
        if (!newest)
            return context.fail(newest.error());
        runId = *newest;
    }
    JobFilter filter;
    filter.runId = runId;
    filter.withSpec = false;
    auto jobs = engine.jobs(filter);
    if (!jobs)
        return context.fail(jobs.error());
    if (jobs->isEmpty())
        return context.fail(Error::make(ErrorCode::NotFound, QStringLiteral("%1: no run \"%2\" (see `orchestrator list --runs`)")
                                                                  .arg(context.databasePath(), runId)));
    auto dependencies = engine.runDependencies(runId);
    if (!dependencies)
        return context.fail(dependencies.error());

    QSet<QString> collapsed;
    for (const JobRecord &job : std::as_const(*jobs)) {
        if (parser.isSet(collapseAll))
            collapsed.insert(job.workstreamId);
    }
    const QStringList named = parser.value(collapse).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &ws : named)
        collapsed.insert(ws.trimmed());

    const Graph::RunGraph graph = Graph::buildRunGraph(runId, *jobs, *dependencies, collapsed);
    Graph::LayoutInput input;
    input.sizes = Graph::estimatedNodeSizes(graph);
    input.edges = graph.edges;
    Graph::LayoutOptions options;
    options.direction = dir == QLatin1String("lr") ? Graph::LayoutOptions::Direction::LeftRight : Graph::LayoutOptions::Direction::TopDown;
    QElapsedTimer clock;
    clock.start();
    const Graph::DagLayout layout = Graph::layoutDag(input, options);
    const double layoutMs = double(clock.nsecsElapsed()) / 1e6;

    QByteArray bytes;
    if (format == QLatin1String("dot")) {
        bytes = Graph::toDot(graph);
    } else if (format == QLatin1String("svg")) {
        bytes = Graph::toSvg(graph, layout, input.sizes);
    } else {
        auto png = g_pngRenderer(graph, layout, input.sizes);
        if (!png)
            return context.fail(png.error());
        bytes = *png;
    }
    if (Status s = DatabaseFiles::refuseIfInUse(outFile, true); !s)
        return context.fail(s.error());
    QSaveFile file(outFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return context.fail(Error::make(ErrorCode::Io, QStringLiteral("%1: cannot write: %2").arg(outFile, file.errorString())));
    context.out() << "run " << runId << ": " << graph.nodes.size() << " nodes, " << graph.edges.size() << " edges; layout "
                  << QString::number(layoutMs, 'f', 1) << " ms, " << layout.crossings << " crossings; wrote " << outFile << '\n';
    return ExitOk;
}

} // namespace Orchestrator::Cli
