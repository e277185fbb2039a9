/* The --dump JSON, built with cJSON (which prints doubles with up to 17
 * significant digits, so every number round-trips): the weights of one
 * decoder and the shared encoder at one training snapshot, the forward
 * trace they give, the training data and the training record. */
#include "dump.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "files.h"
#include "xalloc.h"

/* cJSON returns NULL only when an allocation fails: abort through the
 * project's one out-of-memory path. */
static cJSON *check(cJSON *item)
{
    if (!item)
        xalloc_fail(0);
    return item;
}

static cJSON *vector(const double *v, int n)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(a, check(cJSON_CreateNumber(v[i])));
    return a;
}

static cJSON *matrix(const double *m, int rows, int cols)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int r = 0; r < rows; r++)
        cJSON_AddItemToArray(a, vector(m + (size_t)r * cols, cols));
    return a;
}

static cJSON *strings(char *const *tokens, int n)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(a, check(cJSON_CreateString(tokens[i])));
    return a;
}

static cJSON *token_list(const Vocab *v, const int *ids, int n)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(a,
                             check(cJSON_CreateString(v->tokens[ids[i]])));
    return a;
}

/* {"encoder": {...}, "context": {...}?, "decoder": {...}} in the order of
 * the model's tensors; vectors as lists, matrices as lists of rows. */
static cJSON *weights(const Model *m)
{
    cJSON *root = check(cJSON_CreateObject());
    for (int i = 0; i < m->tensor_count; i++) {
        const ModelTensor *t = &m->tensors[i];
        cJSON *group = cJSON_GetObjectItemCaseSensitive(root, t->group);
        if (!group)
            group = check(cJSON_AddObjectToObject(root, t->group));
        const double *data = m->params + t->offset;
        cJSON_AddItemToObject(group, t->name,
                              t->cols == 1 ? vector(data, t->rows)
                                           : matrix(data, t->rows, t->cols));
    }
    return root;
}

static cJSON *trace_json(const Lesson *l, const Trace *tr)
{
    const Vocab *src = &l->source_vocab, *tgt = &l->target_vocab;
    int H = tr->hidden, d = tr->embed, V = tr->output_vocab;
    cJSON *o = check(cJSON_CreateObject());
    cJSON_AddItemToObject(o, "input",
                          token_list(src, tr->source, tr->source_len));
    cJSON *enc = check(cJSON_AddArrayToObject(o, "encoder"));
    for (int t = 0; t < tr->source_len; t++) {
        cJSON *step = check(cJSON_CreateObject());
        cJSON_AddItemToObject(
            step, "token",
            check(cJSON_CreateString(src->tokens[tr->source[t]])));
        cJSON_AddItemToObject(step, "x", vector(tr->x + (size_t)t * d, d));
        cJSON_AddItemToObject(step, "h", vector(trace_h(tr, t + 1), H));
        cJSON_AddItemToArray(enc, step);
    }
    cJSON_AddItemToObject(o, "context", vector(tr->context, H));
    cJSON *dec = check(cJSON_AddArrayToObject(o, "decoder"));
    for (int t = 0; t < tr->output_len; t++) {
        cJSON *step = check(cJSON_CreateObject());
        cJSON_AddItemToObject(
            step, "prev", check(cJSON_CreateString(tgt->tokens[tr->prev[t]])));
        cJSON_AddItemToObject(step, "s", vector(trace_s(tr, t + 1), H));
        /* logits and probs follow vocab.output (no <go>) */
        cJSON_AddItemToObject(step, "logits", vector(trace_logits(tr, t), V));
        cJSON_AddItemToObject(step, "probs", vector(trace_probs(tr, t), V));
        cJSON_AddItemToObject(
            step, "pick", check(cJSON_CreateString(tgt->tokens[tr->pick[t]])));
        cJSON_AddItemToObject(step, "p", check(cJSON_CreateNumber(tr->p[t])));
        if (tr->alpha) {
            /* attention: a_t, alpha_t over h_1..h_T, and c_t */
            int T = tr->source_len;
            cJSON_AddItemToObject(step, "scores",
                                  vector(trace_scores(tr, t), T));
            cJSON_AddItemToObject(step, "alpha", vector(trace_alpha(tr, t), T));
            cJSON_AddItemToObject(step, "c", vector(trace_attended(tr, t), H));
        } else {
            cJSON_AddItemToObject(step, "influence",
                                  check(cJSON_CreateNumber(tr->influence[t])));
        }
        cJSON_AddItemToArray(dec, step);
    }
    cJSON_AddItemToObject(o, "output",
                          token_list(tgt, tr->pick, tr->output_len));
    cJSON_AddItemToObject(o, "logprob", check(cJSON_CreateNumber(tr->logprob)));
    return o;
}

/* The training pairs as the model sees them: source ids as tokens (so a
 * lesson's rare token shows as it was mapped), target ending with <eos>. */
static cJSON *data_json(const Lesson *l)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int i = 0; i < l->pair_count; i++) {
        const LessonPair *p = &l->pairs[i];
        cJSON *pair = check(cJSON_CreateObject());
        cJSON_AddItemToObject(
            pair, "source",
            token_list(&l->source_vocab, p->source, p->source_len));
        cJSON_AddItemToObject(
            pair, "target",
            token_list(&l->target_vocab, p->target, p->target_len));
        cJSON_AddItemToArray(a, pair);
    }
    return a;
}

static cJSON *int_list(const int *v, int n)
{
    cJSON *a = check(cJSON_CreateArray());
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(a, check(cJSON_CreateNumber(v[i])));
    return a;
}

char *dump_json(const Session *s, int epoch)
{
    const Course *c = s->course;
    const Lesson *l = c->lesson;
    const TrainLog *log = &c->log;
    if (epoch < 0)
        epoch = log->epochs;
    int snap = course_snapshot_index(c, epoch);
    if (snap < 0)
        return NULL;
    Model m;
    course_model_at(c, s->variant, s->context, snap, &m);
    Trace tr;
    course_run_at(c, s->variant, s->context, snap, s->input, s->input_len,
                  &tr);

    cJSON *root = check(cJSON_CreateObject());
    cJSON_AddItemToObject(root, "lesson", check(cJSON_CreateString(l->name)));
    cJSON_AddItemToObject(root, "variant",
                          check(cJSON_CreateString(variant_name(s->variant))));
    cJSON_AddItemToObject(root, "context",
                          check(cJSON_CreateString(context_name(s->context))));
    cJSON_AddItemToObject(root, "epoch", check(cJSON_CreateNumber(epoch)));
    cJSON *dims = check(cJSON_AddObjectToObject(root, "dims"));
    cJSON_AddItemToObject(dims, "embed",
                          check(cJSON_CreateNumber(m.shape.embed)));
    cJSON_AddItemToObject(dims, "hidden",
                          check(cJSON_CreateNumber(m.shape.hidden)));
    if (m.shape.variant == VARIANT_ATTENTION)
        cJSON_AddItemToObject(dims, "attention",
                              check(cJSON_CreateNumber(m.shape.attention)));
    cJSON *vocab = check(cJSON_AddObjectToObject(root, "vocab"));
    cJSON_AddItemToObject(
        vocab, "source",
        strings(l->source_vocab.tokens, l->source_vocab.count));
    cJSON_AddItemToObject(
        vocab, "target",
        strings(l->target_vocab.tokens, l->target_vocab.count));
    /* the target vocabulary without <go>: what z_t and p_t range over */
    cJSON_AddItemToObject(
        vocab, "output",
        strings(l->target_vocab.tokens + VOCAB_OUTPUT_FIRST,
                l->target_vocab.count - VOCAB_OUTPUT_FIRST));
    cJSON_AddItemToObject(root, "data", data_json(l));
    cJSON_AddItemToObject(root, "weights", weights(&m));
    cJSON_AddItemToObject(root, "trace", trace_json(l, &tr));
    cJSON *training = check(cJSON_AddObjectToObject(root, "training"));
    cJSON_AddItemToObject(training, "epochs",
                          check(cJSON_CreateNumber(log->epochs)));
    cJSON_AddItemToObject(
        training, "loss",
        vector(course_loss(c, s->variant, s->context), log->epochs + 1));
    cJSON_AddItemToObject(
        training, "snapshots",
        int_list(log->snapshot_epochs, log->snapshot_count));
    trace_deinit(&tr);

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        xalloc_fail(0);
    return text;
}

bool dump_epoch_error(const Course *c, int epoch, char *err, size_t err_size)
{
    if (epoch < 0 || course_snapshot_index(c, epoch) >= 0)
        return false;
    const TrainLog *log = &c->log;
    int n = snprintf(err, err_size,
                     "--epoch %d is not a training snapshot; the snapshots "
                     "are",
                     epoch);
    for (int i = 0; i < log->snapshot_count && n >= 0 && (size_t)n < err_size;
         i++)
        n += snprintf(err + n, err_size - (size_t)n, "%s %d", i ? "," : "",
                      log->snapshot_epochs[i]);
    return true;
}

bool dump_write(const Session *s, int epoch, const char *path, char *err,
                size_t err_size)
{
    char *text = dump_json(s, epoch);
    if (!text) {
        dump_epoch_error(s->course, epoch, err, err_size);
        return false;
    }
    size_t len = strlen(text);
    bool ok = false;
    if (strcmp(path, "-") == 0) {
        ok = fwrite(text, 1, len, stdout) == len && fputc('\n', stdout) != EOF &&
             fflush(stdout) == 0;
        if (!ok)
            snprintf(err, err_size, "cannot write the dump to stdout: %s",
                     strerror(errno));
        free(text);
        return ok;
    }

    /* Written whole or not at all, through links, and a device or FIFO
     * written where it is (files.h). */
    AtomicFile af;
    if (!atomic_file_open(&af, path, ATOMIC_REPLACE, err, err_size))
        goto done;
    if (fwrite(text, 1, len, af.fp) != len || fputc('\n', af.fp) == EOF) {
        snprintf(err, err_size, "%s: cannot write: %s", path, strerror(errno));
        atomic_file_abort(&af);
        goto done;
    }
    ok = atomic_file_commit(&af, err, err_size);
done:
    free(text);
    return ok;
}
