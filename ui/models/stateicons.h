#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

#include "core/jobstate.h"

namespace Orchestrator::Ui {

// Icons are small SVGs compiled into the library (resources/icons/, prefix
// ":/orchestrator/icons"). Each state has its own shape, so colour is never
// the only cue: hourglass, list, play, circular arrow with clock, check,
// X, clock, slashed circle, arrow up with X.
QIcon stateIcon(JobState state);

// The one palette of states, wherever one is drawn (job table, graph,
// timeline, workers, workstreams): Graph::stateColorName, which the DOT and
// Mermaid exports use as well. Shown with the state's name or icon, never
// instead of it: colour is a second cue.
QColor stateColor(JobState state);

// One of "start", "pause", "retry", "cancel", "submit", "open-file",
// "workers"; an unknown name gives a null icon.
QIcon actionIcon(const QString &name);

// The application's icon (also installed as hicolor/scalable/apps/orchestrator.svg).
QIcon applicationIcon();

} // namespace Orchestrator::Ui
