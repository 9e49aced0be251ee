#include "dagscene.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

#include "graph/graphexport.h"
#include "models/jobtablemodel.h"
#include "models/stateicons.h"

namespace Orchestrator::Ui {

namespace {

constexpr double kNodeHeight = 40;
constexpr double kPadding = 10;
constexpr double kIcon = 16;

QColor tinted(const QColor &color, double amount)
{
    auto mix = [amount](int v) { return int(v * amount + 255 * (1 - amount)); };
    return QColor(mix(color.red()), mix(color.green()), mix(color.blue()));
}

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont subtitleFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

QString subtitle(const Graph::GraphNode &node)
{
    if (node.group) {
        const QString progress = DagScene::tr("%1/%2 done").arg(node.done).arg(node.jobs);
        return node.failed > 0 ? DagScene::tr("%1, %2 failed").arg(progress).arg(node.failed) : progress;
    }
    return JobTableModel::stateName(node.state);
}

} // namespace

// One node: a rounded box with a state stripe, icon, id and state (or a
// collapsed workstream's progress). Simplified to a coloured box when zoomed
// far out, so 10,000 nodes stay quick to paint.
class DagNodeItem final : public QGraphicsItem
{
public:
    DagNodeItem(const Graph::GraphNode &node, const QSizeF &size)
        : m_node(node)
        , m_rect(-size.width() / 2, -size.height() / 2, size.width(), size.height())
    {
        setAcceptHoverEvents(false);
        setCacheMode(NoCache);
        updateToolTip();
    }

    QRectF boundingRect() const override { return m_rect.adjusted(-3, -3, 3, 3); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QColor color = stateColor(m_node.state);
        const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
        painter->setOpacity(m_dimmed ? 0.3 : 1.0);
        if (lod < 0.2) {
            painter->fillRect(m_rect, m_current ? QColor(0x0b, 0x57, 0xd0) : color);
            return;
        }
        painter->setRenderHint(QPainter::Antialiasing);
        QPen border(m_current ? QColor(0x0b, 0x57, 0xd0) : color, m_current ? 3.0 : (m_node.group ? 2.2 : 1.2));
        painter->setPen(border);
        painter->setBrush(tinted(color, m_current ? 0.22 : 0.12));
        painter->drawRoundedRect(m_rect, 6, 6);
        if (m_node.group) {
            // A second outline: a stack of jobs.
            painter->setPen(QPen(color, 1.0));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(m_rect.adjusted(3, 3, -3, -3), 4, 4);
        }
        painter->fillRect(QRectF(m_rect.left() + 1.5, m_rect.top() + 4, 4, m_rect.height() - 8), color);
        if (lod < 0.4)
            return;
        const QRectF iconRect(m_rect.left() + kPadding, m_rect.center().y() - kIcon / 2, kIcon, kIcon);
        stateIcon(m_node.state).paint(painter, iconRect.toRect());
        const double textLeft = iconRect.right() + 6;
        const QRectF textArea(textLeft, m_rect.top() + 3, m_rect.right() - textLeft - 6, m_rect.height() - 6);
        const QFont base = painter->font();
        painter->setPen(QColor(0x1f, 0x23, 0x28));
        painter->setFont(titleFont(base));
        const QString title = m_node.group ? QStringLiteral("▸ ") + m_node.id : m_node.id;
        painter->drawText(QRectF(textArea.left(), textArea.top(), textArea.width(), textArea.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(painter->font()).elidedText(title, Qt::ElideMiddle, textArea.width()));
        painter->setFont(subtitleFont(base));
        painter->setPen(color.darker(115));
        painter->drawText(QRectF(textArea.left(), textArea.center().y(), textArea.width(), textArea.height() / 2),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(painter->font()).elidedText(subtitle(m_node), Qt::ElideRight, textArea.width()));
        painter->setFont(base);
    }

    void setNode(const Graph::GraphNode &node)
    {
        m_node = node;
        updateToolTip();
        update();
    }
    const Graph::GraphNode &node() const { return m_node; }
    void setDimmed(bool dimmed)
    {
        if (m_dimmed != dimmed) {
            m_dimmed = dimmed;
            update();
        }
    }
    bool isDimmed() const { return m_dimmed; }
    void setCurrent(bool current)
    {
        if (m_current != current) {
            m_current = current;
            setZValue(current ? 2 : 1);
            update();
        }
    }

private:
    void updateToolTip()
    {
        setToolTip(m_node.group ? DagScene::tr("Workstream %1: %2 (double-click to expand)").arg(m_node.id, subtitle(m_node))
                                : DagScene::tr("%1 (%2, %3): %4").arg(m_node.id, m_node.workstreamId, m_node.tool, subtitle(m_node)));
    }

    Graph::GraphNode m_node;
    QRectF m_rect;
    bool m_dimmed = false;
    bool m_current = false;
};

// One edge: a polyline through its dummy positions with an arrowhead.
class DagEdgeItem final : public QGraphicsPathItem
{
public:
    explicit DagEdgeItem(const QList<QPointF> &points)
    {
        QPainterPath path;
        if (!points.isEmpty()) {
            path.moveTo(points.first());
            for (qsizetype i = 1; i < points.size(); ++i)
                path.lineTo(points.at(i));
            if (points.size() >= 2) {
                const QPointF tip = points.last();
                const QPointF from = points.at(points.size() - 2);
                const QLineF line(tip, from);
                QLineF a = line;
                a.setLength(8);
                a.setAngle(line.angle() + 22);
                QLineF b = line;
                b.setLength(8);
                b.setAngle(line.angle() - 22);
                path.moveTo(a.p2());
                path.lineTo(tip);
                path.lineTo(b.p2());
            }
        }
        setPath(path);
        setZValue(0);
        setStyle(Style::Normal);
    }

    enum class Style { Normal, Highlighted, Dimmed };
    void setStyle(Style style)
    {
        QPen pen(style == Style::Highlighted ? QColor(0x0b, 0x57, 0xd0) : QColor(0x7a, 0x80, 0x8a), style == Style::Highlighted ? 2.2 : 1.1);
        pen.setCosmetic(style != Style::Highlighted);
        setPen(pen);
        setOpacity(style == Style::Dimmed ? 0.25 : 1.0);
        setZValue(style == Style::Highlighted ? 0.5 : 0);
    }
};

DagScene::DagScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(Qt::white);
}

QList<QSizeF> DagScene::measure(const Graph::RunGraph &graph) const
{
    const QFontMetricsF title(titleFont(font()));
    const QFontMetricsF sub(subtitleFont(font()));
    QList<QSizeF> sizes;
    sizes.reserve(graph.nodes.size());
    for (const Graph::GraphNode &node : graph.nodes) {
        const QString name = node.group ? QStringLiteral("▸ ") + node.id : node.id;
        const double text = qMax(title.horizontalAdvance(name), sub.horizontalAdvance(subtitle(node)));
        sizes.append(QSizeF(qBound(110.0, text + kPadding * 2 + kIcon + 12, 320.0), kNodeHeight));
    }
    return sizes;
}

void DagScene::setLayout(const Graph::RunGraph &graph, const Graph::DagLayout &layout)
{
    clear();
    m_nodes.clear();
    m_edges.clear();
    m_jobStates.clear();
    m_groupMembers.clear();
    m_current = -1;
    m_graph = graph;
    m_layout = layout;
    const QList<QSizeF> sizes = measure(graph);
    for (int i = 0; i < graph.nodes.size(); ++i) {
        auto *item = new DagNodeItem(graph.nodes.at(i), sizes.at(i));
        item->setPos(layout.position.value(i));
        item->setZValue(1);
        item->setData(0, i);
        addItem(item);
        m_nodes.append(item);
    }
    for (const Graph::LayoutEdge &edge : layout.edges) {
        auto *item = new DagEdgeItem(edge.points);
        addItem(item);
        m_edges.append(item);
    }
    setSceneRect(QRectF(QPointF(0, 0), layout.size).adjusted(-24, -24, 24, 24));
}

bool DagScene::updateJobs(const QList<JobRecord> &jobs)
{
    QSet<int> changed;
    for (const JobRecord &job : jobs) {
        const int node = m_graph.nodeIndex(job.jobId);
        if (node < 0)
            continue;
        m_jobStates.insert(job.jobId, job.state);
        changed.insert(node);
    }
    for (int node : std::as_const(changed)) {
        Graph::GraphNode &graphNode = m_graph.nodes[node];
        if (!graphNode.group) {
            const JobRecord *latest = nullptr;
            for (const JobRecord &job : jobs) {
                if (job.jobId == graphNode.id)
                    latest = &job;
            }
            if (latest)
                graphNode.state = latest->state;
        } else {
            // Recount the group from every member's last known state.
            if (!m_groupMembers.contains(node)) {
                QStringList members;
                for (auto it = m_graph.nodeOfJob.cbegin(); it != m_graph.nodeOfJob.cend(); ++it) {
                    if (it.value() == node)
                        members.append(it.key());
                }
                m_groupMembers.insert(node, members);
            }
            QList<JobState> states;
            int done = 0;
            int failed = 0;
            const QStringList members = m_groupMembers.value(node);
            for (const QString &id : members) {
                const auto state = m_jobStates.constFind(id);
                if (state == m_jobStates.cend())
                    continue;
                states.append(*state);
                done += isFinal(*state) ? 1 : 0;
                failed += (*state == JobState::Failed || *state == JobState::TimedOut || *state == JobState::UpstreamFailed) ? 1 : 0;
            }
            if (states.size() == members.size()) {
                graphNode.state = Graph::groupState(states);
                graphNode.done = done;
                graphNode.failed = failed;
            }
        }
        m_nodes.at(node)->setNode(graphNode);
    }
    return !changed.isEmpty();
}

void DagScene::setCurrentNode(int node)
{
    if (node >= m_nodes.size())
        node = -1;
    m_current = node;
    QSet<int> lit;
    if (node >= 0) {
        lit.insert(node);
        const QList<int> up = Graph::upstreamOf(m_graph, node);
        const QList<int> down = Graph::downstreamOf(m_graph, node);
        for (int n : up)
            lit.insert(n);
        for (int n : down)
            lit.insert(n);
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        m_nodes.at(i)->setCurrent(i == node);
        m_nodes.at(i)->setDimmed(node >= 0 && !lit.contains(i));
    }
    for (int i = 0; i < m_edges.size() && i < m_layout.edges.size(); ++i) {
        const Graph::LayoutEdge &edge = m_layout.edges.at(i);
        const bool on = node >= 0 && lit.contains(edge.from) && lit.contains(edge.to);
        m_edges.at(i)->setStyle(node < 0 ? DagEdgeItem::Style::Normal : on ? DagEdgeItem::Style::Highlighted : DagEdgeItem::Style::Dimmed);
    }
}

int DagScene::nodeAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> hits = items(scenePos);
    for (QGraphicsItem *item : hits) {
        if (auto *node = dynamic_cast<DagNodeItem *>(item))
            return node->data(0).toInt();
    }
    return -1;
}

QRectF DagScene::nodeRect(int node) const
{
    if (node < 0 || node >= m_nodes.size())
        return {};
    return m_nodes.at(node)->sceneBoundingRect();
}

JobState DagScene::nodeState(int node) const
{
    return node >= 0 && node < m_graph.nodes.size() ? m_graph.nodes.at(node).state : JobState::Waiting;
}

bool DagScene::isHighlighted(int node) const
{
    return node >= 0 && node < m_nodes.size() && m_current >= 0 && !m_nodes.at(node)->isDimmed();
}

Result<QByteArray> DagScene::toPng(double scale)
{
    const QRectF source = sceneRect();
    const QSize pixels = (source.size() * scale).toSize();
    if (pixels.isEmpty() || qint64(pixels.width()) * pixels.height() > 400LL * 1000 * 1000)
        return Error::make(ErrorCode::Io, tr("the graph is too large for a PNG (%1 x %2 pixels); write an SVG instead")
                                              .arg(pixels.width())
                                              .arg(pixels.height()));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return Error::make(ErrorCode::Io, tr("not enough memory for a %1 x %2 PNG").arg(pixels.width()).arg(pixels.height()));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)), source);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return Error::make(ErrorCode::Io, tr("PNG encoding failed"));
    return bytes;
}

Result<QByteArray> renderGraphPng(const Graph::RunGraph &graph, const Graph::DagLayout &layout, const QList<QSizeF> &sizes)
{
    Q_UNUSED(sizes);
    DagScene scene;
    scene.setLayout(graph, layout);
    // Colour by the nodes' states as the graph was read.
    return scene.toPng(1.0);
}

} // namespace Orchestrator::Ui
