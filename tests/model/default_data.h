/* The default lesson's training data (the article's 机器学习 -> machine
 * learning and its neighbours), built into vocabularies and TrainPairs
 * without the lesson loader: the source side is split into UTF-8
 * characters, the target side at spaces, and <eos> ends every target.
 * Shared by the model tests and bench/bench_model.c; header-only. */
#ifndef S2S_TEST_DEFAULT_DATA_H
#define S2S_TEST_DEFAULT_DATA_H

#include <stdlib.h>
#include <string.h>

#include "model/train.h"
#include "model/vocab.h"

static const char *const default_pairs[][2] = {
    {"机器学习", "machine learning"},
    {"深度学习", "deep learning"},
    {"机器翻译", "machine translation"},
    {"强化学习", "reinforcement learning"},
    {"神经网络", "neural network"},
    {"深度网络", "deep network"},
    {"机器视觉", "machine vision"},
    {"计算机视觉", "computer vision"},
    {"语言模型", "language model"},
    {"学习率", "learning rate"},
    {"神经元", "neuron"},
    {"翻译模型", "translation model"},
    {"深度模型", "deep model"},
    {"机器人", "robot"},
    {"人工智能", "artificial intelligence"},
    {"自然语言", "natural language"},
    {"语言翻译", "language translation"},
    {"网络模型", "network model"},
    {"统计学习", "statistical learning"},
    {"数据", "data"},
    {"大数据", "big data"},
    {"数据模型", "data model"},
    {"监督学习", "supervised learning"},
    {"语音识别", "speech recognition"},
    {"图像识别", "image recognition"},
};
#define DEFAULT_PAIR_COUNT                                                   \
    ((int)(sizeof default_pairs / sizeof default_pairs[0]))
#define DATA_MAX_TOKENS 32

typedef struct {
    Vocab src, tgt;
    int n;
    TrainPair pairs[DEFAULT_PAIR_COUNT];
    int src_ids[DEFAULT_PAIR_COUNT][DATA_MAX_TOKENS];
    int tgt_ids[DEFAULT_PAIR_COUNT][DATA_MAX_TOKENS];
} DefaultData;

/* Byte length of the UTF-8 character starting at s (1 on a bad lead). */
static inline int data_utf8_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xf0)
        return 4;
    if (c >= 0xe0)
        return 3;
    if (c >= 0xc0)
        return 2;
    return 1;
}

/* Token ids of s split into UTF-8 characters, added to v. */
static inline int data_split_chars(Vocab *v, const char *s, int *ids)
{
    int n = 0;
    char tok[8];
    while (*s && n < DATA_MAX_TOKENS) {
        int len = data_utf8_len(s);
        memcpy(tok, s, (size_t)len);
        tok[len] = '\0';
        ids[n++] = vocab_add(v, tok);
        s += len;
    }
    return n;
}

/* Token ids of s split at spaces, added to v. */
static inline int data_split_words(Vocab *v, const char *s, int *ids)
{
    int n = 0;
    char tok[64];
    while (*s && n < DATA_MAX_TOKENS) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (len == 0)
            break;
        if (len >= sizeof tok)
            len = sizeof tok - 1;
        memcpy(tok, s, len);
        tok[len] = '\0';
        ids[n++] = vocab_add(v, tok);
        s += strcspn(s, " ");
    }
    return n;
}

/* Fills d from default_pairs; free with default_data_deinit. */
static inline void default_data_init(DefaultData *d)
{
    vocab_init_source(&d->src);
    vocab_init_target(&d->tgt);
    d->n = DEFAULT_PAIR_COUNT;
    for (int i = 0; i < d->n; i++) {
        int ns = data_split_chars(&d->src, default_pairs[i][0], d->src_ids[i]);
        int nt = data_split_words(&d->tgt, default_pairs[i][1], d->tgt_ids[i]);
        d->tgt_ids[i][nt++] = VOCAB_EOS;
        d->pairs[i] = (TrainPair){d->src_ids[i], ns, d->tgt_ids[i], nt};
    }
}

static inline void default_data_deinit(DefaultData *d)
{
    vocab_deinit(&d->src);
    vocab_deinit(&d->tgt);
}

/* The sizes for this data at the default lesson's H = 8, d = 6. */
static inline ModelDims default_data_dims(const DefaultData *d)
{
    return (ModelDims){d->src.count, d->tgt.count, 6, 8, 0};
}

#endif
