#pragma once

#include <QColor>
#include <QPalette>

namespace Orchestrator::Ui {

// Colours drawn on the palette's base that stay readable in light and dark
// themes: the diff's and the conversation's greens, reds and blues.

QColor mix(const QColor &a, const QColor &b, qreal weightOfA);
// Relative luminance and contrast ratio as WCAG defines them.
qreal luminance(const QColor &color);
qreal contrast(const QColor &a, const QColor &b);
bool isDark(const QPalette &palette);
// `color`, moved towards `text` until it reads on `background` (WCAG AA).
QColor readable(const QColor &color, const QColor &text, const QColor &background);

// One shade for light and one for dark bases (the GitHub Primer greens,
// reds and blues).
struct Accents
{
    QColor added;    // also: succeeded
    QColor removed;  // also: failed
    QColor hunk;
};

Accents accents(const QPalette &palette);

} // namespace Orchestrator::Ui
