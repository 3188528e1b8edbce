/**
 * The work engine's HTTP resources, one small controller each: jobs, a job's results, reports and
 * queue statistics. They check request shape, call {@link dev.gatehouse.jobs.JobService} and map its
 * records to the JSON of docs/api.md.
 */
@NullMarked
package dev.gatehouse.jobs.web;

import org.jspecify.annotations.NullMarked;
