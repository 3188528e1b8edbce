/**
 * Periodic tasks that must run on exactly one node of a cluster at a time. A task annotated
 * {@code @Scheduled} and {@code @SchedulerLock(name = ...)} takes a row lock in the shared database
 * (ShedLock) before it runs; on a single node the lock is simply always free.
 */
@NullMarked
package dev.gatehouse.platform.scheduling;

import org.jspecify.annotations.NullMarked;
