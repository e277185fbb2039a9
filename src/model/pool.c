/* The worker pool of pool.h. A job is published under the lock with a new
 * generation; its tasks are claimed from one 64-bit counter holding the
 * generation in its high half and the next task in its low half, so a
 * worker that wakes late can never take a task of a later job by mistake.
 * The caller runs tasks too, then waits until every task has finished.
 *
 * A training batch is a job of a few tens of microseconds (its decoders)
 * and a serial part of ~15 us before the next (the encoder, the clipping
 * norm, Adam), so a thread waiting for a job or for the last task polls
 * for up to SPIN_NS before it sleeps on a condition variable:
 * waking a sleeping thread (a futex, the scheduler) takes 50-100 us on
 * this kind of machine, as long as the job itself, and with a spin of a
 * few microseconds (1000 rounds, as first written) two cores trained no
 * faster than one. The spin is bounded in time, so a pool between
 * trainings sleeps and costs no CPU on a machine shared with other work. */
#include "model/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

/* How long a waiting thread polls before it sleeps: longer than a
 * batch's serial part (the encoder's passes, the clipping norm: tens of
 * microseconds), far shorter than anything a person would notice. */
#define SPIN_NS 100000L

/* Tells the core this is a polling loop (x86's pause): the other thread
 * of a hyper-threaded core gets the cycles, and leaving the loop does
 * not stall on a mispredicted memory order. */
#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

static long long monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* One round of a bounded poll: pauses, and says whether the poll may go
 * on (SPIN_NS have not passed since its first round). The clock is read
 * only every 64 rounds: it costs more than a round. Start with
 * Spin s = {0}. */
typedef struct {
    unsigned round;
    long long deadline;
} Spin;

static bool spin_again(Spin *s)
{
    CPU_RELAX();
    if ((++s->round & 63u) != 0)
        return true;
    long long now = monotonic_ns();
    if (s->deadline == 0)
        s->deadline = now + SPIN_NS;
    return now <= s->deadline;
}

typedef struct {
    Pool *pool;
    int worker;
} WorkerArg;

struct Pool {
    pthread_mutex_t lock;
    pthread_cond_t wake; /* a new job, or quit */
    pthread_cond_t done; /* the last task of the job finished */
    pthread_t threads[POOL_MAX_THREADS];
    WorkerArg args[POOL_MAX_THREADS];
    int started; /* worker threads running (the caller is not one) */

    /* the current job, written under lock before generation moves on */
    PoolTask fn;
    void *ctx;
    int tasks;
    atomic_uint generation;
    atomic_uint_least64_t claim; /* generation << 32 | next task */
    atomic_int finished;         /* tasks of the job done */
    bool quit;
};

/* Claims and runs the tasks of generation gen until none is left. */
static void run_tasks(Pool *p, unsigned gen, PoolTask fn, void *ctx,
                      int tasks, int worker)
{
    uint_least64_t v = atomic_load(&p->claim);
    for (;;) {
        if ((unsigned)(v >> 32) != gen || (int)(uint32_t)v >= tasks)
            return;
        if (!atomic_compare_exchange_weak(&p->claim, &v, v + 1))
            continue; /* v now holds the counter's new value */
        fn(ctx, (int)(uint32_t)v, worker);
        if (atomic_fetch_add(&p->finished, 1) + 1 == tasks) {
            pthread_mutex_lock(&p->lock);
            pthread_cond_broadcast(&p->done);
            pthread_mutex_unlock(&p->lock);
        }
        v = atomic_load(&p->claim);
    }
}

static void *worker_main(void *arg)
{
    const WorkerArg *wa = arg;
    Pool *p = wa->pool;
    unsigned seen = 0;
    for (;;) {
        Spin spin = {0};
        while (atomic_load_explicit(&p->generation, memory_order_acquire) ==
                   seen &&
               spin_again(&spin))
            ;
        pthread_mutex_lock(&p->lock);
        while (atomic_load(&p->generation) == seen && !p->quit)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->quit) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        seen = atomic_load(&p->generation);
        PoolTask fn = p->fn;
        void *ctx = p->ctx;
        int tasks = p->tasks;
        pthread_mutex_unlock(&p->lock);
        run_tasks(p, seen, fn, ctx, tasks, wa->worker);
    }
}

int pool_online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

Pool *pool_create(int threads)
{
    if (threads <= 0)
        threads = pool_online_cores();
    if (threads > POOL_MAX_THREADS)
        threads = POOL_MAX_THREADS;
    Pool *p = xcalloc(1, sizeof *p);
    if (threads == 1 || pthread_mutex_init(&p->lock, NULL) != 0)
        return p; /* started = 0: everything runs on the caller */
    if (pthread_cond_init(&p->wake, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        return p;
    }
    if (pthread_cond_init(&p->done, NULL) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        return p;
    }
    for (int i = 1; i < threads; i++) {
        p->args[i] = (WorkerArg){p, i};
        if (pthread_create(&p->threads[p->started], NULL, worker_main,
                           &p->args[i]) != 0)
            break;
        p->started++;
    }
    if (p->started == 0) {
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
    }
    return p;
}

void pool_destroy(Pool *p)
{
    if (!p)
        return;
    if (p->started > 0) {
        pthread_mutex_lock(&p->lock);
        p->quit = true;
        pthread_cond_broadcast(&p->wake);
        pthread_mutex_unlock(&p->lock);
        for (int i = 0; i < p->started; i++)
            pthread_join(p->threads[i], NULL);
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
    }
    free(p);
}

int pool_size(const Pool *p)
{
    return 1 + p->started;
}

void pool_run(Pool *p, int tasks, PoolTask fn, void *ctx)
{
    if (tasks <= 0)
        return;
    if (p->started == 0 || tasks == 1) {
        for (int t = 0; t < tasks; t++)
            fn(ctx, t, 0);
        return;
    }
    pthread_mutex_lock(&p->lock);
    unsigned gen = atomic_load(&p->generation) + 1;
    p->fn = fn;
    p->ctx = ctx;
    p->tasks = tasks;
    atomic_store(&p->finished, 0);
    atomic_store(&p->claim, (uint_least64_t)gen << 32);
    atomic_store_explicit(&p->generation, gen, memory_order_release);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);

    run_tasks(p, gen, fn, ctx, tasks, 0);
    Spin spin = {0};
    while (atomic_load_explicit(&p->finished, memory_order_acquire) < tasks &&
           spin_again(&spin))
        ;
    if (atomic_load(&p->finished) < tasks) {
        pthread_mutex_lock(&p->lock);
        while (atomic_load(&p->finished) < tasks)
            pthread_cond_wait(&p->done, &p->lock);
        pthread_mutex_unlock(&p->lock);
    }
}
