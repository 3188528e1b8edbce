package dev.gatehouse.jobs.schedule;

import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.jobs.internal.JobTypes;
import dev.gatehouse.jobs.spi.JobType;

/**
 * Checks a schedule's job as a submission would, without storing anything: the type exists, it
 * accepts the params and items, and it expands to no more items than a job may start with. A
 * schedule that passes cannot be refused at every firing for its body (only for its owner's rights,
 * or a type removed by an upgrade).
 */
@Component
class JobBodyCheck {

    private final JobTypes types;
    private final JobsProperties properties;

    JobBodyCheck(JobTypes types, JobsProperties properties) {
        this.types = types;
        this.properties = properties;
    }

    void check(JobRequest request) {
        JobType type = types.find(request.type())
                .orElseThrow(() -> JobValidation.invalid("type", "unknown job type; known: " + String.join(", ", types.ids())));
        JobType.JobDefinition definition = new JobType.JobDefinition(request.params(), request.items());
        type.validate(definition);
        long most = Math.min(type.maxItems(definition), properties.maxItemsPerSubmit());
        if (type.expand(definition).size() > most) {
            throw JobValidation.invalid("items", "a job may start with at most " + most + " items");
        }
    }
}
