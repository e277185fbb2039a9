/* The loss recorder of recorder.h: a ring of weight copies between
 * training (the producer, one copy at the end of each epoch) and a thread
 * that computes each copy's clean loss into the log (the consumer).
 *
 * The consumer is the faster of the two (a forward pass per pair and
 * decoder against a forward and backward pass, plus Adam), so the ring
 * is rarely full and training almost never waits; at the end training
 * waits for the last epoch or two. The ring holds RING_SLOTS copies of
 * the weights (250 KB for the default lesson). */
#include "model/recorder.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define RING_SLOTS 4

typedef struct {
    double *params;                       /* a copy of the set's weights */
    Model views[MODEL_MAX_DECODERS];      /* the decoders, on params */
    int epoch;
} Slot;

struct LossRecorder {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t queued; /* a slot was filled, or closing */
    pthread_cond_t freed;  /* a slot was emptied */
    Slot slots[RING_SLOTS];
    int head, count; /* next slot to fill is (head + count) % RING_SLOTS */
    bool closing, discard;

    size_t param_count;
    int decoders;
    bool record[MODEL_MAX_DECODERS];
    const TrainPair *pairs;
    int n;
    TrainLog *log;
    Workspace ws;
    double *pair_loss; /* n x decoders */
};

void recorder_pair_losses(const Model *decoders, int count,
                          const bool *record, const TrainPair *pair,
                          Workspace *w, double *out)
{
    encode(&decoders[0], pair, w->h);
    for (int k = 0; k < count; k++)
        if (record[k])
            out[k] = decode(&decoders[k], pair, w->h, 1.0, NULL, w, NULL);
}

void recorder_store_column(TrainLog *log, int count, const bool *record,
                           const double *pair_loss, int n, int epoch)
{
    for (int k = 0; k < count; k++) {
        double total = 0.0;
        for (int i = 0; i < n; i++)
            total += pair_loss[(size_t)i * count + k];
        log->loss[(size_t)k * (size_t)(log->epochs + 1) + (size_t)epoch] =
            record[k] ? total / n : NAN;
    }
}

/* One slot's L_e, into the log. */
static void record_slot(LossRecorder *r, const Slot *slot)
{
    for (int i = 0; i < r->n; i++)
        recorder_pair_losses(slot->views, r->decoders, r->record,
                             &r->pairs[i], &r->ws,
                             r->pair_loss + (size_t)i * r->decoders);
    recorder_store_column(r->log, r->decoders, r->record, r->pair_loss,
                          r->n, slot->epoch);
}

static void *recorder_main(void *arg)
{
    LossRecorder *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->count == 0 && !r->closing)
            pthread_cond_wait(&r->queued, &r->lock);
        if (r->count == 0 || r->discard)
            break;
        const Slot *slot = &r->slots[r->head];
        pthread_mutex_unlock(&r->lock);
        record_slot(r, slot); /* the producer never touches a full slot */
        pthread_mutex_lock(&r->lock);
        r->head = (r->head + 1) % RING_SLOTS;
        r->count--;
        pthread_cond_signal(&r->freed);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static void free_recorder(LossRecorder *r)
{
    for (int i = 0; i < RING_SLOTS; i++)
        free(r->slots[i].params);
    workspace_deinit(&r->ws);
    free(r->pair_loss);
    free(r);
}

LossRecorder *recorder_start(const ModelSet *s, const TrainPair *pairs,
                             int n, const bool *record, TrainLog *log)
{
    LossRecorder *r = xcalloc(1, sizeof *r);
    r->param_count = s->param_count;
    r->decoders = s->decoder_count;
    memcpy(r->record, record, (size_t)s->decoder_count * sizeof *record);
    r->pairs = pairs;
    r->n = n;
    r->log = log;
    workspace_init(&r->ws, &s->decoders[0].shape, pairs, n);
    r->pair_loss = xcalloc((size_t)n * (size_t)s->decoder_count,
                           sizeof *r->pair_loss);
    for (int i = 0; i < RING_SLOTS; i++) {
        Slot *slot = &r->slots[i];
        slot->params = xcalloc(s->param_count, sizeof *slot->params);
        for (int k = 0; k < s->decoder_count; k++)
            model_view(&s->decoders[k], slot->params, &slot->views[k]);
    }
    if (pthread_mutex_init(&r->lock, NULL) != 0) {
        free_recorder(r);
        return NULL;
    }
    if (pthread_cond_init(&r->queued, NULL) != 0) {
        pthread_mutex_destroy(&r->lock);
        free_recorder(r);
        return NULL;
    }
    if (pthread_cond_init(&r->freed, NULL) != 0) {
        pthread_cond_destroy(&r->queued);
        pthread_mutex_destroy(&r->lock);
        free_recorder(r);
        return NULL;
    }
    if (pthread_create(&r->thread, NULL, recorder_main, r) != 0) {
        pthread_cond_destroy(&r->freed);
        pthread_cond_destroy(&r->queued);
        pthread_mutex_destroy(&r->lock);
        free_recorder(r);
        return NULL;
    }
    return r;
}

void recorder_submit(LossRecorder *r, const double *params, int epoch)
{
    pthread_mutex_lock(&r->lock);
    while (r->count == RING_SLOTS)
        pthread_cond_wait(&r->freed, &r->lock);
    Slot *slot = &r->slots[(r->head + r->count) % RING_SLOTS];
    pthread_mutex_unlock(&r->lock);
    /* the slot is free: the consumer reads only slots counted in count */
    memcpy(slot->params, params, r->param_count * sizeof *params);
    slot->epoch = epoch;
    pthread_mutex_lock(&r->lock);
    r->count++;
    pthread_cond_signal(&r->queued);
    pthread_mutex_unlock(&r->lock);
}

void recorder_finish(LossRecorder *r, bool discard)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->lock);
    r->closing = true;
    r->discard = discard;
    pthread_cond_signal(&r->queued);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->freed);
    pthread_cond_destroy(&r->queued);
    pthread_mutex_destroy(&r->lock);
    free_recorder(r);
}
