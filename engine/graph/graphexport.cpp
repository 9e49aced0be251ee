#include "graphexport.h"


namespace Orchestrator::Graph {

namespace {

constexpr double kNodeHeight = 38;
constexpr double kMargin = 16;

QString xml(const QString &text) { return text.toHtmlEscaped(); }

QString dotQuoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

// The state colour mixed with white: a calm fill that keeps text readable.
QString tint(const QString &color, double amount)
{
    // color is #rrggbb (stateColorName); QColor would need Qt Gui.
    QString out = QStringLiteral("#");
    for (int i = 0; i < 3; ++i) {
        const int v = color.mid(1 + 2 * i, 2).toInt(nullptr, 16);
        out += QStringLiteral("%1").arg(int(v * amount + 255 * (1 - amount)), 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString number(double value) { return QString::number(value, 'f', 1); }

} // namespace

QString nodeSubtitle(const GraphNode &node)
{
    if (node.group) {
        const QString progress = QStringLiteral("%1/%2 done").arg(node.done).arg(node.jobs);
        return node.failed > 0 ? progress + QStringLiteral(", %1 failed").arg(node.failed) : progress;
    }
    return toString(node.state).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QList<QSizeF> estimatedNodeSizes(const RunGraph &graph)
{
    QList<QSizeF> sizes;
    sizes.reserve(graph.nodes.size());
    for (const GraphNode &node : graph.nodes) {
        const qsizetype chars = qMax(node.id.size() + (node.group ? 2 : 0), nodeSubtitle(node).size());
        sizes.append(QSizeF(qBound(96.0, 7.4 * double(chars) + 30, 360.0), kNodeHeight));
    }
    return sizes;
}

QByteArray toDot(const RunGraph &graph)
{
    QString out = QStringLiteral("digraph %1 {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n")
                      .arg(dotQuoted(graph.runId.isEmpty() ? QStringLiteral("run") : graph.runId));
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode &node = graph.nodes.at(i);
        const QString color = stateColorName(node.state);
        out += QStringLiteral("  n%1 [label=%2, color=\"%3\", fillcolor=\"%4\"%5];\n")
                   .arg(i)
                   .arg(dotQuoted(node.id + QStringLiteral("\\n") + nodeSubtitle(node)), color, tint(color, 0.18),
                        node.group ? QStringLiteral(", peripheries=2") : QString());
    }
    for (const auto &[from, to] : graph.edges)
        out += QStringLiteral("  n%1 -> n%2;\n").arg(from).arg(to);
    out += QStringLiteral("}\n");
    return out.toUtf8();
}

QByteArray toSvg(const RunGraph &graph, const DagLayout &layout, const QList<QSizeF> &sizes)
{
    const double width = layout.size.width() + 2 * kMargin;
    const double height = layout.size.height() + 2 * kMargin;
    QString out = QStringLiteral(
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                      "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                      "<title>%3</title>\n"
                      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                      "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7a808a\"/></marker></defs>\n"
                      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g transform=\"translate(%4,%4)\">\n")
                      .arg(number(width), number(height), xml(graph.runId), number(kMargin));
    out += QStringLiteral("<g fill=\"none\" stroke=\"#7a808a\" stroke-width=\"1.2\">\n");
    for (const LayoutEdge &edge : layout.edges) {
        if (edge.points.size() < 2)
            continue;
        QString d = QStringLiteral("M%1,%2").arg(number(edge.points.first().x()), number(edge.points.first().y()));
        for (qsizetype i = 1; i < edge.points.size(); ++i)
            d += QStringLiteral(" L%1,%2").arg(number(edge.points.at(i).x()), number(edge.points.at(i).y()));
        out += QStringLiteral("<path d=\"%1\" marker-end=\"url(#arrow)\"/>\n").arg(d);
    }
    out += QStringLiteral("</g>\n");
    for (int i = 0; i < graph.nodes.size() && i < layout.position.size(); ++i) {
        const GraphNode &node = graph.nodes.at(i);
        const QSizeF size = sizes.value(i, QSizeF(120, kNodeHeight));
        const double x = layout.position.at(i).x() - size.width() / 2;
        const double y = layout.position.at(i).y() - size.height() / 2;
        const QString color = stateColorName(node.state);
        out += QStringLiteral("<g><title>%1 (%2)</title>").arg(xml(node.id), xml(nodeSubtitle(node)));
        out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"6\" fill=\"%5\" stroke=\"%6\" stroke-width=\"%7\"/>")
                   .arg(number(x), number(y), number(size.width()), number(size.height()), tint(color, 0.14), color,
                        node.group ? QStringLiteral("2.5") : QStringLiteral("1.2"));
        out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"5\" height=\"%3\" rx=\"2\" fill=\"%4\"/>")
                   .arg(number(x + 1), number(y + 1), number(size.height() - 2), color);
        out += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"12\" font-weight=\"bold\" fill=\"#1f2328\">%3</text>")
                   .arg(number(x + 12), number(y + 16), xml(node.group ? QStringLiteral("▸ ") + node.id : node.id));
        out += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"10.5\" fill=\"%3\">%4</text></g>\n")
                   .arg(number(x + 12), number(y + 30), color, xml(nodeSubtitle(node)));
    }
    out += QStringLiteral("</g>\n</svg>\n");
    return out.toUtf8();
}

} // namespace Orchestrator::Graph
