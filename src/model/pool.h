/* A small pool of worker threads (pthreads) for training's independent
 * tasks: pool_run(fn, n) calls fn(ctx, task, worker) once for every task
 * 0..n-1, spread over the pool's threads (the caller's included), and
 * returns when all are done. Which thread runs which task is left to
 * chance, so a task must write only its own outputs and use only its
 * worker's scratch (worker is 0..pool_size-1); then the results do not
 * depend on the number of threads. Where no thread can be started (the
 * browser build: emscripten's pthread_create fails) the pool has size 1
 * and pool_run runs every task in turn on the caller. */
#ifndef S2S_MODEL_POOL_H
#define S2S_MODEL_POOL_H

typedef struct Pool Pool;
typedef void (*PoolTask)(void *ctx, int task, int worker);

/* A pool of threads threads in all, the caller counted: 0 means one per
 * online core; it never has more than POOL_MAX_THREADS. Aborts on out of
 * memory; a thread that cannot start only makes the pool smaller. */
#define POOL_MAX_THREADS 16
Pool *pool_create(int threads);
void pool_destroy(Pool *p);

/* The online cores (>= 1): what threads = 0 means. */
int pool_online_cores(void);

/* Threads that run tasks, the caller included (>= 1). */
int pool_size(const Pool *p);

/* Runs fn(ctx, t, worker) for t = 0..tasks-1 and waits for all of them. */
void pool_run(Pool *p, int tasks, PoolTask fn, void *ctx);

#endif
