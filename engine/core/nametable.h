#pragma once

#include <array>
#include <optional>
#include <utility>

#include <QLatin1String>
#include <QString>

namespace Orchestrator::NameTable {

// The spelling of an enum at the edge (SQL, JSON, display) lives in one
// table per enum; these look a value up in either direction.
template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &text)
{
    for (const auto &[v, name] : table) {
        if (text == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}

} // namespace Orchestrator::NameTable
