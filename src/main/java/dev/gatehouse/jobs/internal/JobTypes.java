package dev.gatehouse.jobs.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.spi.JobType;

/** Every {@link JobType} bean, by its id; two types claiming one id stop the application at start. */
@Component
public class JobTypes {

    private final Map<String, JobType> byId;

    JobTypes(List<JobType> types) {
        this.byId = types.stream().collect(Collectors.toUnmodifiableMap(JobType::id, Function.identity()));
    }

    public Optional<JobType> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public java.util.Set<String> ids() {
        return new java.util.TreeSet<>(byId.keySet());
    }
}
