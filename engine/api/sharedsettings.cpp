#include "engine.h"

#include "store/jobstore.h"

// Engine::sharedSettings and setSharedSettings: the settings every engine on
// the database reads (JobStore::toolLimits, rateLimitMaxWaitMs).

namespace Orchestrator {

namespace {

Result<SharedSettings> readSharedSettings(JobStore &store)
{
    auto limits = store.toolLimits();
    if (!limits)
        return limits.error();
    auto maxWait = store.rateLimitMaxWaitMs();
    if (!maxWait)
        return maxWait.error();
    SharedSettings settings;
    for (auto it = limits->cbegin(); it != limits->cend(); ++it)
        settings.toolLimits.insert(it.key(), it.value());
    settings.rateLimitMaxWaitHours = double(*maxWait) / 3600000;
    return settings;
}

Status writeSharedSettings(JobStore &store, const SharedSettings &settings)
{
    QHash<QString, int> limits;
    for (auto it = settings.toolLimits.cbegin(); it != settings.toolLimits.cend(); ++it) {
        if (it.value() < 0)
            return Error::make(ErrorCode::Validation,
                               QStringLiteral("limit of %1: %2 is not a number of attempts (0: no cap)").arg(it.key()).arg(it.value()));
        limits.insert(it.key(), it.value());
    }
    if (!(settings.rateLimitMaxWaitHours >= 0))
        return Error::make(ErrorCode::Validation, QStringLiteral("rate-limit wait: %1 is not a number of hours")
                                                      .arg(settings.rateLimitMaxWaitHours));
    if (Status s = store.begin(); !s)
        return s;
    Status s = store.setToolLimits(limits);
    if (s)
        s = store.setSetting(QString::fromLatin1(JobStore::kRateLimitWaitSetting),
                             QString::number(settings.rateLimitMaxWaitHours, 'g', 6));
    if (!s) {
        store.rollback();
        return s;
    }
    return store.commit();
}

} // namespace

Result<SharedSettings> Engine::sharedSettings()
{
    if (!store())
        return notOpen();
    return readSharedSettings(*store());
}

Status Engine::setSharedSettings(const SharedSettings &settings)
{
    if (!store())
        return notOpen();
    return writeSharedSettings(*store(), settings);
}

} // namespace Orchestrator
