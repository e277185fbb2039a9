/* The softmax of the article, S_i = e^{v_i} / sum_j e^{v_j}, computed stably
 * by subtracting the maximum first (so [1000, 0] does not overflow). */
#ifndef S2S_SOFTMAX_H
#define S2S_SOFTMAX_H

/* out[i] = softmax(logits)[i] for i < n; n > 0. out may equal logits. */
void softmax(const double *logits, int n, double *out);

/* The first half of softmax: out[i] = e^{logits[i] - max}, returning their
 * sum (in [1, n]); softmax divides by it. For a caller that also wants
 * log S_y = log(out[y] / sum) to the last bit. n > 0; out may equal logits. */
double softmax_exp(const double *logits, int n, double *out);

/* Index of the largest value (the first one on ties); n > 0. */
int argmax(const double *v, int n);

#endif
