#include "dagscene.h"

#include <cmath>

#include <QBuffer>
#include <QEvent>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include "graph/graphexport.h"
#include "models/jobtablemodel.h"
#include "models/stateicons.h"

namespace Orchestrator::Ui {

namespace {

constexpr double kNodeHeight = 40;
constexpr double kPadding = 10;
constexpr double kIcon = 16;
// On-screen text sizes: below kLegiblePx a collapsed workstream's own text
// yields to its label; Find and collapsing zoom in to at least kReadablePx.
constexpr double kLegiblePx = 9;
constexpr double kReadablePx = 11;
constexpr int kLabelMinPx = 10;         // the labels' font, never smaller on screen
constexpr double kLabelMaxWidth = 160;  // px: longer workstream names are elided

// `color` laid over `background` at `amount` (0: background, 1: color).
QColor tinted(const QColor &color, double amount, const QColor &background)
{
    auto mix = [amount](int v, int b) { return int(v * amount + b * (1 - amount)); };
    return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()), mix(color.blue(), background.blue()));
}

bool isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightness() < 128; }

// A state colour as text on the canvas: darker on light, lighter on dark.
QColor textTone(const QColor &color, const QPalette &palette)
{
    return isDark(palette) ? color.lighter(150) : color.darker(115);
}

// The font's size in pixels at scale 1.
double fontPixels(const QFont &font) { return qMax(1, QFontInfo(font).pixelSize()); }

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

// A label's second line: as short as the progress can be said.
QString shortProgress(const Graph::GraphNode &node)
{
    const QString progress = QStringLiteral("%1/%2").arg(node.done).arg(node.jobs);
    //: a collapsed workstream's label when zoomed out: "48/50 · 2 failed"
    return node.failed > 0 ? DagScene::tr("%1 · %2 failed").arg(progress).arg(node.failed) : progress;
}

} // namespace

// One node: a rounded box with a state stripe, icon, id and state (or a
// collapsed workstream's progress). Simplified to a coloured box when zoomed
// far out, so 10,000 nodes stay quick to paint.
class DagNodeItem final : public QGraphicsItem
{
public:
    // Below `legibleScale` a collapsed workstream leaves its words to its label.
    DagNodeItem(const Graph::GraphNode &node, const QSizeF &size, double legibleScale)
        : m_node(node)
        , m_rect(-size.width() / 2, -size.height() / 2, size.width(), size.height())
        , m_legibleScale(legibleScale)
    {
        setAcceptHoverEvents(false);
        setCacheMode(NoCache);
        updateToolTip();
    }

    QRectF boundingRect() const override { return m_rect.adjusted(-3, -3, 3, 3); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QPalette palette = scene()->palette();
        const QColor canvas = palette.color(QPalette::Base);
        const QColor highlight = palette.color(QPalette::Highlight);
        const QColor color = stateColor(m_node.state);
        const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
        painter->setOpacity(m_dimmed ? 0.3 : 1.0);
        if (lod < 0.2) {
            painter->fillRect(m_rect, m_current ? highlight : color);
            return;
        }
        painter->setRenderHint(QPainter::Antialiasing);
        const bool dark = isDark(palette);
        QPen border(m_current ? highlight : color, m_current ? 3.0 : (m_node.group ? 2.2 : 1.2));
        painter->setPen(border);
        painter->setBrush(tinted(color, dark ? (m_current ? 0.3 : 0.22) : (m_current ? 0.22 : 0.12), canvas));
        painter->drawRoundedRect(m_rect, 6, 6);
        if (m_node.group) {
            // A second outline: a stack of jobs.
            painter->setPen(QPen(color, 1.0));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(m_rect.adjusted(3, 3, -3, -3), 4, 4);
        }
        painter->fillRect(QRectF(m_rect.left() + 1.5, m_rect.top() + 4, 4, m_rect.height() - 8), color);
        if (lod < 0.4 || (m_node.group && lod < m_legibleScale))
            return;
        const QRectF iconRect(m_rect.left() + kPadding, m_rect.center().y() - kIcon / 2, kIcon, kIcon);
        if (dark) {
            // The state icons are drawn for light backgrounds: give them one.
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0xee, 0xee, 0xf0));
            painter->drawRoundedRect(iconRect.adjusted(-2, -2, 2, 2), 4, 4);
        }
        stateIcon(m_node.state).paint(painter, iconRect.toRect());
        const double textLeft = iconRect.right() + 6;
        const QRectF textArea(textLeft, m_rect.top() + 3, m_rect.right() - textLeft - 6, m_rect.height() - 6);
        const QFont base = painter->font();
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(titleFont(base));
        const QString title = m_node.group ? QStringLiteral("▸ ") + m_node.id : m_node.id;
        painter->drawText(QRectF(textArea.left(), textArea.top(), textArea.width(), textArea.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(painter->font()).elidedText(title, Qt::ElideMiddle, textArea.width()));
        painter->setFont(subtitleFont(base));
        painter->setPen(textTone(color, palette));
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
    double m_legibleScale;
    bool m_dimmed = false;
    bool m_current = false;
};

// A collapsed workstream's name and progress at a fixed size on screen
// (ItemIgnoresTransformations), over its node: the graph of a big run reads
// at Fit. Drawn only in a view (an export or the overview draws the nodes
// alone), above every node so a neighbour never covers it.
class DagLabelItem final : public QGraphicsItem
{
public:
    DagLabelItem(const Graph::GraphNode &node, const QFont &font)
        : m_nameFont(font)
        , m_progressFont(font)
    {
        setFlag(ItemIgnoresTransformations);
        const int pixels = qMax(kLabelMinPx, int(std::lround(fontPixels(font) * 0.9)));
        m_nameFont.setPixelSize(pixels);
        m_nameFont.setBold(true);
        m_progressFont.setPixelSize(pixels);
        setNode(node);
    }

    QRectF boundingRect() const override { return m_rect; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        if (!widget)
            return;
        const QPalette palette = scene()->palette();
        const QColor color = stateColor(m_node.state);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setOpacity(m_dimmed ? 0.35 : 1.0);
        QColor fill = tinted(color, isDark(palette) ? 0.25 : 0.12, palette.color(QPalette::Base));
        fill.setAlpha(235);
        painter->setPen(QPen(m_current ? palette.color(QPalette::Highlight) : color, m_current ? 2.5 : 1.2));
        painter->setBrush(fill);
        const QRectF pill = m_rect.adjusted(1, 1, -1, -1);
        painter->drawRoundedRect(pill, 4, 4);
        // Progress along the bottom edge.
        if (m_node.jobs > 0) {
            const double done = double(m_node.done) / m_node.jobs;
            painter->fillRect(QRectF(pill.left() + 3, pill.bottom() - 3, (pill.width() - 6) * done, 2), color);
        }
        const QRectF text = pill.adjusted(5, 2, -5, -4);
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(m_nameFont);
        painter->drawText(QRectF(text.left(), text.top(), text.width(), text.height() / 2), Qt::AlignCenter, m_name);
        painter->setFont(m_progressFont);
        painter->setPen(textTone(color, palette));
        painter->drawText(QRectF(text.left(), text.center().y(), text.width(), text.height() / 2), Qt::AlignCenter, m_progress);
    }

    void setNode(const Graph::GraphNode &node)
    {
        m_node = node;
        const QFontMetricsF name(m_nameFont);
        const QFontMetricsF progress(m_progressFont);
        m_name = name.elidedText(node.id, Qt::ElideMiddle, kLabelMaxWidth);
        m_progress = progress.elidedText(shortProgress(node), Qt::ElideRight, kLabelMaxWidth);
        const double width = std::ceil(qMax(name.horizontalAdvance(m_name), progress.horizontalAdvance(m_progress))) + 12;
        const double height = std::ceil(name.height() + progress.height()) + 6;
        const QRectF rect(-width / 2, -height / 2, width, height);
        if (rect != m_rect) {
            prepareGeometryChange();
            m_rect = rect;
        }
        setToolTip(DagScene::tr("Workstream %1: %2 (double-click to expand)").arg(node.id, subtitle(node)));
        // Where labels overlap, failing and running workstreams stay on top.
        const bool failing = node.failed > 0 || node.state == JobState::Failed || node.state == JobState::TimedOut
                             || node.state == JobState::UpstreamFailed;
        m_z = failing ? 3.2 : node.state == JobState::Running ? 3.1 : 3;
        setZValue(m_current ? 3.5 : m_z);
        update();
    }
    QString text() const { return m_name + QLatin1Char('\n') + m_progress; }
    void setDimmed(bool dimmed)
    {
        if (m_dimmed != dimmed) {
            m_dimmed = dimmed;
            update();
        }
    }
    void setCurrent(bool current)
    {
        if (m_current != current) {
            m_current = current;
            setZValue(m_current ? 3.5 : m_z);
            update();
        }
    }

private:
    Graph::GraphNode m_node;
    double m_z = 3;
    QFont m_nameFont;
    QFont m_progressFont;
    QString m_name;
    QString m_progress;
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
    }

    // Normal: nothing selected; Touching: the edge ends at the selected or
    // hovered node; Chain: elsewhere on the selected node's chains; Dimmed:
    // anything else while a node is selected.
    enum class Style { Normal, Touching, Chain, Dimmed };
    // `normalAlpha`: how strongly an edge is drawn with nothing selected,
    // lighter the more edges there are.
    void setStyle(Style style, const QPalette &palette, double normalAlpha)
    {
        const bool lit = style == Style::Touching || style == Style::Chain;
        QColor color = palette.color(lit ? QPalette::Highlight : QPalette::Text);
        switch (style) {
        case Style::Touching: color.setAlphaF(1.0f); break;
        case Style::Chain: color.setAlphaF(0.5f); break;
        case Style::Normal: color.setAlphaF(float(normalAlpha)); break;
        case Style::Dimmed: color.setAlphaF(float(qMax(0.05, normalAlpha * 0.35))); break;
        }
        QPen pen(color, style == Style::Touching ? 2.0 : style == Style::Chain ? 1.4 : 1.0);
        // A hairline at every zoom: at Fit of a big run a scaled pen vanishes.
        pen.setCosmetic(true);
        setPen(pen);
        setZValue(style == Style::Touching ? 0.6 : style == Style::Chain ? 0.5 : 0);
    }
};

DagScene::DagScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(palette().color(QPalette::Base));
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
    m_labels.clear();
    m_edgesOf.clear();
    m_lit.clear();
    m_jobStates.clear();
    m_groupMembers.clear();
    m_current = -1;
    m_hovered = -1;
    m_graph = graph;
    m_layout = layout;
    const QList<QSizeF> sizes = measure(graph);
    const double legible = kLegiblePx / fontPixels(titleFont(font()));
    m_labelsShown = labelsWanted(m_viewScale);
    m_edgesOf.resize(graph.nodes.size());
    m_lit.fill(false, graph.nodes.size());
    // A few edges read at full strength; hundreds only as a light web.
    m_normalEdgeAlpha = qBound(0.16, 5.0 / std::sqrt(double(qMax<qsizetype>(1, layout.edges.size()))), 0.6);
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const Graph::GraphNode &node = graph.nodes.at(i);
        auto *item = new DagNodeItem(node, sizes.at(i), legible);
        item->setPos(layout.position.value(i));
        item->setZValue(1);
        item->setData(0, i);
        addItem(item);
        m_nodes.append(item);
        DagLabelItem *label = nullptr;
        if (node.group) {
            label = new DagLabelItem(node, font());
            label->setPos(layout.position.value(i));
            label->setData(0, i);
            label->setVisible(m_labelsShown);
            addItem(label);
        }
        m_labels.append(label);
    }
    for (int i = 0; i < layout.edges.size(); ++i) {
        const Graph::LayoutEdge &edge = layout.edges.at(i);
        auto *item = new DagEdgeItem(edge.points);
        addItem(item);
        m_edges.append(item);
        if (edge.from >= 0 && edge.from < m_edgesOf.size())
            m_edgesOf[edge.from].append(i);
        if (edge.to >= 0 && edge.to < m_edgesOf.size() && edge.to != edge.from)
            m_edgesOf[edge.to].append(i);
        restyleEdge(i);
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
        if (DagLabelItem *label = m_labels.value(node))
            label->setNode(graphNode);
    }
    return !changed.isEmpty();
}

void DagScene::setCurrentNode(int node)
{
    if (node >= m_nodes.size())
        node = -1;
    m_current = node;
    m_lit.fill(false, m_nodes.size());
    if (node >= 0) {
        m_lit[node] = true;
        const QList<int> up = Graph::upstreamOf(m_graph, node);
        const QList<int> down = Graph::downstreamOf(m_graph, node);
        for (int n : up)
            m_lit[n] = true;
        for (int n : down)
            m_lit[n] = true;
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        const bool dimmed = node >= 0 && !m_lit.at(i);
        m_nodes.at(i)->setCurrent(i == node);
        m_nodes.at(i)->setDimmed(dimmed);
        if (DagLabelItem *label = m_labels.at(i)) {
            label->setCurrent(i == node);
            label->setDimmed(dimmed);
        }
    }
    for (int i = 0; i < m_edges.size(); ++i)
        restyleEdge(i);
}

void DagScene::setHoveredNode(int node)
{
    if (node >= m_nodes.size())
        node = -1;
    if (node == m_hovered)
        return;
    const int before = m_hovered;
    m_hovered = node;
    // Only the edges of the two nodes change.
    for (int n : {before, node}) {
        if (n < 0)
            continue;
        for (int edge : m_edgesOf.at(n))
            restyleEdge(edge);
    }
}

void DagScene::restyleEdge(int edge)
{
    if (edge < 0 || edge >= m_edges.size() || edge >= m_layout.edges.size())
        return;
    const Graph::LayoutEdge &e = m_layout.edges.at(edge);
    auto touches = [&e](int node) { return node >= 0 && (e.from == node || e.to == node); };
    DagEdgeItem::Style style = DagEdgeItem::Style::Normal;
    if (touches(m_current) || touches(m_hovered))
        style = DagEdgeItem::Style::Touching;
    else if (m_current >= 0)
        style = m_lit.value(e.from) && m_lit.value(e.to) ? DagEdgeItem::Style::Chain : DagEdgeItem::Style::Dimmed;
    m_edges.at(edge)->setStyle(style, palette(), m_normalEdgeAlpha);
}

double DagScene::edgeAlpha(int edge) const
{
    if (edge < 0 || edge >= m_edges.size())
        return 0;
    const DagEdgeItem *item = m_edges.at(edge);
    return item->pen().color().alphaF() * item->opacity();
}

int DagScene::nodeAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> hits = items(scenePos);
    for (QGraphicsItem *item : hits) {
        if (dynamic_cast<DagNodeItem *>(item))
            return item->data(0).toInt();
    }
    return -1;
}

int DagScene::nodeOfItem(const QGraphicsItem *item) const
{
    if (dynamic_cast<const DagNodeItem *>(item) || (dynamic_cast<const DagLabelItem *>(item) && item->isVisible()))
        return item->data(0).toInt();
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

double DagScene::readableScale() const
{
    return qBound(0.25, kReadablePx / fontPixels(titleFont(font())), 4.0);
}

QGraphicsItem *DagScene::groupLabel(int node) const
{
    return m_labels.value(node);
}

QString DagScene::groupLabelText(int node) const
{
    const DagLabelItem *label = m_labels.value(node);
    return label ? label->text() : QString();
}

bool DagScene::labelsWanted(double scale) const
{
    return scale < kLegiblePx / fontPixels(titleFont(font()));
}

void DagScene::setViewScale(double scale)
{
    m_viewScale = scale;
    const bool shown = labelsWanted(scale);
    if (shown == m_labelsShown)
        return;
    m_labelsShown = shown;
    for (DagLabelItem *label : std::as_const(m_labels)) {
        if (label)
            label->setVisible(shown);
    }
}

bool DagScene::event(QEvent *event)
{
    const bool handled = QGraphicsScene::event(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    return handled;
}

void DagScene::applyPalette()
{
    setBackgroundBrush(palette().color(QPalette::Base));
    for (int i = 0; i < m_edges.size(); ++i)
        restyleEdge(i);
    update();
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
    image.fill(backgroundBrush().color());
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
