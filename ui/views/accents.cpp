#include "views/accents.h"

#include <cmath>

namespace Orchestrator::Ui {

namespace {

// WCAG AA for normal text.
constexpr qreal MinimumContrast = 4.5;

} // namespace

qreal luminance(const QColor &color)
{
    auto channel = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor mix(const QColor &a, const QColor &b, qreal weightOfA)
{
    const qreal w = weightOfA;
    return QColor::fromRgbF(float(a.redF() * w + b.redF() * (1 - w)), float(a.greenF() * w + b.greenF() * (1 - w)),
                            float(a.blueF() * w + b.blueF() * (1 - w)));
}

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Base)) < 0.25;
}

QColor readable(const QColor &color, const QColor &text, const QColor &background)
{
    QColor result = color;
    for (qreal w = 0.9; contrast(result, background) < MinimumContrast && w > 0; w -= 0.1)
        result = mix(color, text, w);
    return contrast(result, background) < MinimumContrast ? text : result;
}

Accents accents(const QPalette &palette)
{
    if (isDark(palette))
        return {QColor(0x3f, 0xb9, 0x50), QColor(0xf8, 0x51, 0x49), QColor(0x58, 0xa6, 0xff)};
    return {QColor(0x1a, 0x7f, 0x37), QColor(0xcf, 0x22, 0x2e), QColor(0x09, 0x69, 0xda)};
}

} // namespace Orchestrator::Ui
