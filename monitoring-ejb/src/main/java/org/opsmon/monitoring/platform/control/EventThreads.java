package org.opsmon.monitoring.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that deliver the ingest path's asynchronous event ({@code SamplesIngested}) to its
 * observers, alert evaluation first. By default the container runs asynchronous observers on its
 * shared managed executor, where the WebSocket layer also queues a task for every live frame sent:
 * a live push beyond what the machine can write filled that executor's queue and snapshots were
 * stored but never evaluated. On threads of their own, with a bounded queue, evaluation cannot be
 * crowded out; when even this queue is full the committing ingest thread delivers the event itself,
 * which slows ingestion down instead of skipping an evaluation.
 */
@ApplicationScoped
public class EventThreads {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "monitoring.events.threads", defaultValue = "2")
    int size;

    @Inject
    @ConfigProperty(name = "monitoring.events.queue", defaultValue = "10000")
    int queue;

    private ThreadPoolExecutor executor;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(Math.max(1, size), Math.max(1, size), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), threads, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.prestartAllCoreThreads();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Options that make {@code fireAsync} deliver on these threads. */
    public NotificationOptions options() {
        return NotificationOptions.ofExecutor(executor);
    }
}
