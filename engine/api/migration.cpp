#include "migration.h"

#include "store/migration.h"

namespace Orchestrator {

Result<MigrationReport> migrateToPostgres(const QString &sqliteFile, const QString &postgresUrl)
{
    auto copied = Migration::copySqliteToPostgres(sqliteFile, postgresUrl);
    if (!copied)
        return copied.error();
    return MigrationReport{std::move(copied).value()};
}

} // namespace Orchestrator
