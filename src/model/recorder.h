/* Private to src/model: the clean loss L_e of training's record
 * (train.h's TrainLog), computed by a thread of its own beside training.
 *
 * L_e is a forward pass over every pair under every recorded decoder at
 * the weights of the end of epoch e: about 30 % of the work of training
 * the default lesson, and nothing in training waits for it. So rather
 * than stop every epoch to compute it, training hands a copy of the
 * weights to this thread and goes on; the two run side by side with no
 * lock between batches. Each L_e is the same sum, in the same order, of
 * the same terms as when training computed it itself: the log is
 * bit-identical either way. */
#ifndef S2S_MODEL_RECORDER_H
#define S2S_MODEL_RECORDER_H

#include <stdbool.h>

#include "model/internal.h"

/* -log p_k(y_i | x_i) of pair i under every decoder k with record[k],
 * into out[k] (the others are left alone). decoders are the set's (or
 * views of them on a copy of its weights); w is scratch for pair. */
void recorder_pair_losses(const Model *decoders, int count,
                          const bool *record, const TrainPair *pair,
                          Workspace *w, double *out);

/* Column epoch of log->loss from the pairs' losses (pair_loss[i * count
 * + k], i = 0..n-1): L_e = (1/n) sum_i, summed in pair order; NaN for a
 * decoder not recorded. */
void recorder_store_column(TrainLog *log, int count, const bool *record,
                           const double *pair_loss, int n, int epoch);

typedef struct LossRecorder LossRecorder;

/* Starts the thread for set s (read for its shapes only), pairs (read,
 * not copied: they must outlive recorder_finish) and the decoders marked
 * in record, writing into log. NULL when no thread can start (the
 * browser, out of threads): the caller then records in turn. */
LossRecorder *recorder_start(const ModelSet *s, const TrainPair *pairs,
                             int n, const bool *record, TrainLog *log);

/* Queues L_epoch at params (copied: the caller goes on changing its
 * own). Waits only when several epochs are already queued. */
void recorder_submit(LossRecorder *r, const double *params, int epoch);

/* Waits until every queued epoch is in the log (or, with discard, drops
 * what is still queued: training was stopped), ends the thread and frees
 * it. NULL is fine. */
void recorder_finish(LossRecorder *r, bool discard);

#endif
