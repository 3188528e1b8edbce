package dev.gatehouse.jobs.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.SubmittedJob;
import dev.gatehouse.platform.web.ApiException;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Fires one due schedule: submits its job for its owner and moves it to its next fire time after
 * now, in one transaction. Fire times missed while no node ran are not replayed one by one: the
 * schedule fires once and moves on. The submission carries an idempotency key of (schedule, fire
 * time), and the move only happens if the schedule still waits for that fire time, so a firing
 * repeated after a crash or by a second node submits nothing twice. When the owner may no longer
 * submit, or the submission is refused (a job type removed by an upgrade), nothing is submitted, the
 * reason is kept as {@code last_error} and the schedule still moves on: it tries again at its next
 * fire time, and works again once the owner's rights are back.
 */
@Component
class ScheduleFiring {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);

    private final ScheduleStore store;
    private final JobService jobs;
    private final OwnerPermission owners;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ScheduleFiring(ScheduleStore store, JobService jobs, OwnerPermission owners, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.owners = owners;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    void fire(Schedule schedule) {
        Instant now = clock.instant();
        Instant fireTime = schedule.nextRunAt();
        // a schedule that passed creation fires again: its fields repeat at least every four years
        Instant next = CronSchedule.parse(schedule.cron(), schedule.timezone()).nextAfter(now).orElseThrow();
        Optional<String> refusal = owners.refusal(schedule.orgId(), schedule.ownerId(), schedule.job().path("type").asString());
        if (refusal.isPresent()) {
            skip(schedule, fireTime, next, now, refusal.get());
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> {
                SubmittedJob submitted = jobs.submit(schedule.orgId(), schedule.ownerId(),
                        ScheduledJobBody.firing(schedule, fireTime));
                if (store.recordFiring(schedule.id(), fireTime, next, now, submitted.job().id(), null)) {
                    log.info("schedule fired", kv("schedule_id", schedule.id()), kv("job_id", submitted.job().id()),
                            kv("fire_time", fireTime));
                } else {
                    // deleted meanwhile, or fired by another node: take the submission back with the transaction
                    tx.setRollbackOnly();
                }
            });
        } catch (ApiException e) {
            skip(schedule, fireTime, next, now, e.getMessage());
        }
    }

    private void skip(Schedule schedule, Instant fireTime, Instant next, Instant now, String reason) {
        transactions.executeWithoutResult(tx -> store.recordFiring(schedule.id(), fireTime, next, now, null, reason));
        log.warn("schedule fired without a job", kv("schedule_id", schedule.id()), kv("org_id", schedule.orgId()),
                kv("reason", reason));
    }
}
