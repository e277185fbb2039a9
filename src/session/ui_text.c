/* The interface string table (ui_text.h): one row per string, Chinese
 * first, as the lessons write zh before en. A row left out or a language
 * left empty is caught by tests/session/test_ui_text.c. */
#include "session/ui_text.h"

#include <stddef.h>

static const char *const table[UI_TEXT_COUNT][LANG_COUNT] = {
    /* "只": C is the initial state and nothing more (figure 4) */
    [UI_VARIANT_INIT] = {"C 只作初始状态", "C as init"},
    [UI_VARIANT_EVERY] = {"C 参与每一步", "C at every step"},
    [UI_VARIANT_ATTENTION] = {"注意力：每一步各自的 c\xE2\x82\x9C",
                              "attention: c\xE2\x82\x9C at every step"},
    [UI_CONTEXT_LAST] = {"C = 最后一个隐状态", "C = the last hidden state"},
    [UI_CONTEXT_LAST_TRANSFORM] = {"C = tanh(Q·最后一个隐状态 + q)",
                                   "C = tanh(Q·(last hidden state) + q)"},
    [UI_CONTEXT_MEAN] = {"C = 所有隐状态的平均",
                         "C = the mean of all hidden states"},

    [UI_TITLE_OVERVIEW] = {"总览", "Overview"},
    [UI_TITLE_SOFTMAX_EXAMPLE] = {"Softmax 示例", "Softmax example"},
    [UI_TITLE_ENCODER] = {"编码第 %d 步：", "Encoder step %d: "},
    [UI_TITLE_CONTEXT] = {"语义向量 C", "Context vector C"},
    [UI_TITLE_DECODER_STATE] = {"解码第 %d 步：输入 ",
                                "Decoder step %d: input "},
    [UI_TITLE_DECODER_ATTEND] = {"解码第 %d 步：注意力 → c%s",
                                 "Decoder step %d: attention → c%s"},
    [UI_TITLE_DECODER_SOFTMAX] = {"解码第 %d 步：softmax → ",
                                  "Decoder step %d: softmax → "},
    [UI_TITLE_SUMMARY] = {"总结：", "Summary: "},
    [UI_TITLE_UNK] = {"（<unk>）", " (<unk>)"},
    [UI_TITLE_RIGHT] = {"（正确）", " (right)"},
    [UI_TITLE_WRONG] = {"（错误）", " (wrong)"},
    [UI_TITLE_TEACHER_FORCING] = {"训练：教师强制与损失",
                                  "Training: teacher forcing and the loss"},

    [UI_NOTES_DECODER] = {"解码器：", "Decoder: "},
    [UI_NOTES_CONTEXT] = {" · 语义向量 C：", " · context vector C: "},
    [UI_NOTES_INPUT] = {" · 输入：", " · input: "},
    [UI_NOTES_STEP] = {"第 %d 步", "Step %d"},

    [UI_INPUT_EMPTY] = {"输入是空的：请至少输入一个词",
                        "the input is empty: type at least one token"},
    [UI_INPUT_TOO_LONG] = {"输入有 %d 个词，屏幕上最多放得下 %d 个",
                           "the input has %d tokens; at most %d fit on the "
                           "screen"},
    [UI_INPUT_PROMPT] = {"输入你自己的句子", "Type your own input sentence"},
    [UI_INPUT_NOTE] = {"Enter 运行，Esc 取消；模型没学过的词会变成 <unk>",
                       "Enter runs it, Esc cancels; a token the model never "
                       "saw becomes <unk>"},
    [UI_INPUT_FULL] = {"输入框已满", "The field is full"},
    [UI_INPUT_ONE_UNKNOWN] = {"有 1 个词模型没见过：它读作 <unk>",
                              "1 token is new to the model: it reads <unk>"},
    [UI_INPUT_UNKNOWN] = {"有 %d 个词模型没见过：它们读作 <unk>",
                          "%d tokens are new to the model: it reads them "
                          "as <unk>"},
    [UI_INPUT_FALLBACK] = {"字体里没有、改用其他字体显示的字：%s",
                           "drawn from a fallback font: %s"},
    [UI_INPUT_COUNTER] = {"%d / %d 个词", "%d / %d tokens"},
    [UI_NETWORK_UNKNOWN] = {"模型没有学过 %s：它读作 <unk>",
                            "The model was not trained on %s: it reads "
                            "<unk>"},

    [UI_SOFTMAX_COMES_NEXT] = {"下一步计算", "comes next"},
    [UI_SOFTMAX_BAR_HEIGHT] = {"柱高 = 概率", "bar height = probability"},
    [UI_SOFTMAX_LOGITS_UNDER] = {"柱下为 v", "v under each bar"},
    [UI_SOFTMAX_OUTPUT] = {"输出", "the output"},
    [UI_SOFTMAX_BAR_HEIGHT_LOG] = {"柱高 = log\xE2\x82\x81\xE2\x82\x80 p（对数，G）",
                                   "bar height = log\xE2\x82\x81\xE2\x82\x80 p "
                                   "(log scale, G)"},
    [UI_SOFTMAX_LOGITS_LABEL] = {"z\xEF\xBC\x88logit\xEF\xBC\x89 \xE2\x86\x92",
                                 "logits z \xE2\x86\x92"},
    [UI_ATTENTION_WEIGHTS] = {"注意力权重，总和为 1", "attention weights, sum 1"},
    [UI_ATTENTION_REPLACES_C] = {"代替 C 进入 s 和输出", "takes C's place in s and z"},
    [UI_LEGEND_COLOURS] = {"蓝 负 · 浅 \xE2\x89\x88 0 · 橙 正",
                           "blue < 0 \xC2\xB7 pale \xE2\x89\x88 0 "
                           "\xC2\xB7 orange > 0"},
    [UI_AUTO_INDICATOR] = {"\xE2\x96\xB6 自动 %.1f 秒", "\xE2\x96\xB6 auto %.1f s"},
    [UI_TOAST_SLOW_MOTION] = {"慢动作 %d\xC3\x97", "Slow motion %d\xC3\x97"},
    [UI_TOAST_BARS_LOG] = {"概率条：对数刻度", "Bars: log scale"},
    [UI_TOAST_BARS_LINEAR] = {"概率条：线性刻度", "Bars: linear"},
    [UI_TOAST_LARGE_ON] = {"大字模式", "Large text on"},
    [UI_TOAST_LARGE_OFF] = {"普通字号", "Large text off"},
    [UI_SOFTMAX_EMPTY] = {"解码时，这里显示 softmax 给出的每个词的概率",
                          "At each decoder step the softmax bars appear "
                          "here"},
    [UI_SOFTMAX_OTHERS] = {"其余 %d 个", "%d others"},

    [UI_PICKER_TITLE] = {"选择课程（↑ ↓，Enter 打开，Esc 关闭）",
                         "Lessons (↑ ↓, Enter opens, Esc closes)"},
    [UI_HELP_TITLE] = {"按键", "Keys"},
    [UI_FOOTER_HINTS] = {"→ / 空格 下一步    ← 上一步    V 变体    "
                         "C 语义向量    D 数值    L 语言    T 主题    "
                         "I 输入    O 课程    S 保存    H 帮助",
                         "→ / Space next    ← back    V variant    "
                         "C context    D numbers    L language    T theme    "
                         "I input    O lessons    S save    H help"},
    [UI_KEYS_NEXT] = {"→  ↓  空格  PageDown  Enter  N",
                      "→  ↓  Space  PageDown  Enter  N"},
    [UI_HELP_NEXT] = {"下一步", "next step"},
    [UI_KEYS_PREVIOUS] = {"←  ↑  PageUp  Backspace  P",
                          "←  ↑  PageUp  Backspace  P"},
    [UI_HELP_PREVIOUS] = {"上一步", "previous step"},
    [UI_KEYS_FIRST_LAST] = {"Home / End", "Home / End"},
    [UI_HELP_FIRST_LAST] = {"第一步 / 最后一步", "first / last step"},
    [UI_KEYS_JUMP] = {"数字，再按 Enter", "digits, then Enter"},
    [UI_HELP_JUMP] = {"跳到该步", "jump to that step"},
    [UI_KEYS_AUTO] = {"A   + / −", "A   + / −"},
    [UI_HELP_AUTO] = {"自动播放 开/关；+ / − 调速度",
                      "automatic stepping on / off; + / − speed"},
    [UI_HELP_VARIANT] = {"切换解码器变体 init → every → attention（同一步）",
                         "cycle decoder variant init → every → attention, "
                         "same step"},
    [UI_HELP_CONTEXT] = {"切换语义向量 C 的求法（last、last-transform、mean）",
                         "cycle the context mode (last, last-transform, "
                         "mean)"},
    [UI_HELP_NUMBERS] = {"格子里的数值 开/关", "numbers in the cells on / off"},
    [UI_HELP_LANGUAGE] = {"讲解语言 中文 ↔ English",
                          "narration language zh ↔ en"},
    [UI_HELP_THEME] = {"主题 浅色 ↔ 深色", "theme light ↔ dark"},
    [UI_HELP_FULLSCREEN] = {"全屏 开/关；Esc 退出全屏",
                            "full screen on / off; Esc leaves full screen"},
    [UI_HELP_BLANK] = {"黑屏 / 白屏 开/关",
                       "black screen / white screen on / off"},
    [UI_HELP_SAVE] = {"把当前画面存为 PNG", "save this view as a PNG"},
    [UI_HELP_EXPORT] = {"把本课每一步导出为 PNG", "export every step as PNGs"},
    [UI_HELP_INPUT] = {"输入自己的句子（Enter 运行，Esc 取消）",
                       "type your own input (Enter runs it, Esc cancels)"},
    [UI_HELP_PICKER] = {"选择课程", "lesson picker"},
    [UI_HELP_HELP] = {"帮助（本页）", "this help"},
    [UI_KEYS_QUIT] = {"Q  Ctrl+Q", "Q  Ctrl+Q"},
    [UI_HELP_QUIT] = {"退出（Esc 不会退出）", "quit (Esc never quits)"},

    [UI_FULLSCREEN_FAILED] = {"全屏失败", "full screen failed"},
    [UI_AUTO_ON] = {"自动播放：每步 %.1f 秒（+/−）",
                    "Auto-step on: %.1f s a step (+/-)"},
    [UI_AUTO_OFF_S] = {"自动播放关闭（%.1f 秒）", "Auto-step off (%.1f s)"},
    [UI_AUTO_SPEED] = {"自动播放：每步 %.1f 秒%s", "Auto-step: %.1f s a step%s"},
    [UI_AUTO_START] = {"（按 A 开始）", " (A starts it)"},
    [UI_AUTO_OFF] = {"自动播放关闭", "Auto-step off"},
    [UI_AUTO_END] = {"自动播放结束", "Auto-step: the end"},
    [UI_NUMBERS_ON] = {"显示数值", "Numbers on"},
    [UI_NUMBERS_OFF] = {"隐藏数值", "Numbers off"},
    /* the toast after L names the language now on screen */
    [UI_LANGUAGE_NAME] = {"中文", "English"},
    [UI_TRAINING] = {"正在训练这一课……", "Training the lesson..."},
    [UI_EXPORTING] = {"正在导出每一步……（Esc 取消）",
                      "Exporting every step... (Esc cancels)"},
    [UI_SAVED] = {"已保存", "Saved"},
    [UI_EXPORTED_TO_WITH_DECK] = {"每一步已导出到 %s，以及 PDF 幻灯片 %s",
                                  "Exported every step to %s and the PDF "
                                  "deck %s"},
    [UI_EXPORTED_TO] = {"每一步已导出到", "Exported every step to"},
    [UI_EXPORT_CANCELLED] = {"导出已取消", "Export cancelled"},
    [UI_JUMP_PROMPT] = {"跳到第 %d 步（共 %d 步）：回车",
                        "Go to step %d of %d: Enter"},
    [UI_JUMP_NONE] = {"没有第 %d 步（1–%d）", "There is no step %d (1-%d)"},
    [UI_KEY_HELP] = {"帮助（本页）", "this help"},
    [UI_KEY_HINT_HELP] = {"帮助", "help"},
    [UI_KEY_NEXT] = {"下一步", "next step"},
    [UI_KEY_HINT_NEXT] = {"下一步", "next"},
    [UI_KEY_PREV] = {"上一步", "previous step"},
    [UI_KEY_HINT_PREV] = {"上一步", "back"},
    [UI_KEY_FIRST] = {"第一步", "first step"},
    [UI_KEY_LAST] = {"最后一步", "last step"},
    [UI_KEY_DIGIT] = {"输入数字再按 Enter：跳到该步", "jump to that step"},
    [UI_KEY_AUTO] = {"自动播放 开/关", "automatic stepping on / off"},
    [UI_KEY_HINT_AUTO] = {"自动", "auto"},
    [UI_KEY_FASTER] = {"自动播放更快", "auto-play faster"},
    [UI_KEY_SLOWER] = {"自动播放更慢", "auto-play slower"},
    [UI_KEY_SLOW_MOTION] = {"慢动作 1× → 3× → 6×：逐个部分显示", "slow motion 1\xC3\x97 \xE2\x86\x92 3\xC3\x97 \xE2\x86\x92 6\xC3\x97: the parts of a step one by one"},
    [UI_KEY_HINT_SLOW_MOTION] = {"慢动作", "slow"},
    [UI_KEY_VARIANT] = {"切换解码器变体 init \xE2\x86\x92 every \xE2\x86\x92 attention（同一步）", "cycle decoder variant init \xE2\x86\x92 every \xE2\x86\x92 attention, same step"},
    [UI_KEY_HINT_VARIANT] = {"变体", "variant"},
    [UI_KEY_CONTEXT] = {"切换语义向量 C 的求法（last、last-transform、mean）", "cycle the context mode (last, last-transform, mean)"},
    [UI_KEY_HINT_CONTEXT] = {"语义向量", "context"},
    [UI_KEY_NUMBERS] = {"格子里的数值 开/关", "numbers in the cells on / off"},
    [UI_KEY_HINT_NUMBERS] = {"数值", "numbers"},
    [UI_KEY_LOG_BARS] = {"概率条：线性 \xE2\x86\x94 对数刻度", "bars: linear \xE2\x86\x94 log scale"},
    [UI_KEY_HINT_LOG_BARS] = {"对数", "log"},
    [UI_KEY_LANG] = {"讲解语言 中文 \xE2\x86\x94 English", "narration language zh \xE2\x86\x94 en"},
    [UI_KEY_HINT_LANG] = {"语言", "language"},
    [UI_KEY_THEME] = {"主题 浅色 \xE2\x86\x94 深色", "theme light \xE2\x86\x94 dark"},
    [UI_KEY_HINT_THEME] = {"主题", "theme"},
    [UI_KEY_LARGE_TEXT] = {"大字模式（教室后排）开/关", "large text for the back row on / off"},
    [UI_KEY_HINT_LARGE_TEXT] = {"大字", "large"},
    [UI_KEY_KEY_HINTS] = {"底部按键提示 开/关", "these key hints on / off"},
    [UI_KEY_HINT_KEY_HINTS] = {"隐藏提示", "hide hints"},
    [UI_KEY_FULLSCREEN] = {"全屏 开/关", "full screen on / off"},
    [UI_KEY_ESCAPE] = {"退出全屏，关闭面板（不会退出程序）", "leave full screen, close a panel (never quits)"},
    [UI_KEY_BLACK] = {"黑屏 开/关", "black screen on / off"},
    [UI_KEY_WHITE] = {"白屏 开/关", "white screen on / off"},
    [UI_KEY_SAVE] = {"把当前画面存为幻灯片 PNG", "save this view as a slide PNG"},
    [UI_KEY_HINT_SAVE] = {"保存", "save"},
    [UI_KEY_EXPORT] = {"把本课每一步导出为 PNG 和 PDF 幻灯片",
                       "export every step as PNGs and a PDF deck"},
    [UI_KEY_INPUT] = {"输入自己的句子（Enter 运行，Esc 取消）", "type your own input (Enter runs it, Esc cancels)"},
    [UI_KEY_HINT_INPUT] = {"输入", "input"},
    [UI_KEY_PICKER] = {"选择课程", "lesson picker"},
    [UI_KEY_HINT_PICKER] = {"课程", "lessons"},
    [UI_KEY_QUIT] = {"退出（Esc 不会退出）", "quit (Esc never quits)"},
    [UI_KEY_TRAINING] = {"训练视图：用训练中某个快照的权重画同一幅图，附损失曲线",
                         "training view: the picture at a snapshot of "
                         "training, with the loss chart"},
    [UI_KEY_HINT_TRAINING] = {"训练", "training"},
    [UI_KEY_SNAPSHOT] = {"（训练视图）上一个 / 下一个快照",
                         "(training view) previous / next snapshot"},
    [UI_KEY_SNAPSHOT_ENDS] = {"（训练视图）第一个 / 最后一个快照",
                              "(training view) first / last snapshot"},

    [UI_TRAINING_EPOCH] = {"第 %d 轮 / 共 %d 轮", "epoch %d / %d"},
    [UI_LOSS_CHART_TITLE] = {"损失 L（对数坐标）", "loss L (log scale)"},
    [UI_LOSS_CHART_READING] = {"第 %d 轮：L = %s", "epoch %d: L = %s"},
    [UI_LOSS_CHART_EPOCH] = {"训练轮数", "epoch"},
    [UI_TF_PANEL_TITLE] = {"教师强制：解码器的输入是正确答案里的上一个词 y*",
                           "Teacher forcing: the decoder is fed the expected "
                           "previous token y*"},
    [UI_TF_NO_EXPECTED] = {"这句输入没有正确答案，无法做教师强制",
                           "This input has no expected output: nothing to "
                           "teacher-force"},
    [UI_TF_ROW_OWN] = {"模型自己选的词", "its own pick"},
    [UI_TF_ROW_EXPECTED] = {"应该输出 y*ₜ", "expected y*ₜ"},
    [UI_TF_ROW_P] = {"p(y*ₜ)", "p(y*ₜ)"},
    [UI_TF_ROW_BAR] = {"这一步的损失", "this step's loss"},
    [UI_TF_ROW_NLL] = {"−log p(y*ₜ)", "−log p(y*ₜ)"},
    [UI_TF_ROW_FED] = {"输入：上一个 y*", "fed in: previous y*"},
    [UI_TF_LOSS_MEAN] = {"损失：所有训练数据上的平均",
                         "The loss: the mean over the training pairs"},
    [UI_TOAST_TRAINING_ON] = {"训练视图：第 %d 轮（[ ] 切换快照）",
                              "Training view: epoch %d ([ ] change snapshot)"},
    [UI_TOAST_TRAINING_OFF] = {"逐步视图：训练好的模型",
                               "Step-through: the trained model"},
    [UI_TOAST_EPOCH] = {"第 %d 轮 / 共 %d 轮", "Epoch %d of %d"},
    [UI_TOAST_SNAPSHOT_KEYS] = {"[ ] { } 在训练视图（R）中切换快照",
                                "[ ] { } change the snapshot in the training "
                                "view (R)"},
    [UI_KEY_COMPARE] = {"对比视图：所有解码器在同一个编码器上，上下排列",
                        "compare view: the decoders one above the other on "
                        "the shared encoder"},
    [UI_KEY_HINT_COMPARE] = {"对比", "compare"},

    [UI_COMPARE_LABEL] = {"对比：同一个 C，不同的解码器",
                          "compare: one C, every decoder"},
    [UI_COMPARE_ENDED] = {"已结束", "ended"},
    [UI_COMPARE_PART] = {"输出在此分开", "outputs part here"},
    [UI_COMPARE_PICK] = {"选“%s”，p = %s", "picks \"%s\", p = %s"},
    [UI_COMPARE_BARS_LATER] = {"softmax 这一步之后显示",
                               "shown at the softmax step"},
    [UI_COMPARE_INFLUENCE] = {"C 对 s\xE2\x82\x9C 的影响 \xE2\x80\x96J\xE2\x82\x9C\xE2\x80\x96",
                              "influence of C on s\xE2\x82\x9C: \xE2\x80\x96J\xE2\x82\x9C\xE2\x80\x96"},
    [UI_COMPARE_STEP_AXIS] = {"解码步 t", "decoder step t"},
    [UI_COMPARE_ACCURACY] = {"留出句对的准确率（按输入长度）",
                             "held-out accuracy by input length"},
    [UI_COMPARE_LENGTH_AXIS] = {"输入长度", "input length"},
    [UI_COMPARE_NO_TESTS] = {"这一课没有 [test] 句对：没有准确率图",
                             "no [test] pairs in this lesson: no accuracy chart"},
    [UI_COMPARE_OUTPUT] = {"写出“%s”，p(y|x) = %s",
                           "\"%s\"  p(y|x) = %s"},
};

const char *ui_text_entry(UiText id, Lang lang)
{
    if ((unsigned)id >= UI_TEXT_COUNT || (unsigned)lang >= LANG_COUNT)
        return NULL;
    return table[id][lang];
}

const char *ui_text(UiText id, Lang lang)
{
    const char *s = ui_text_entry(id, lang);
    return s ? s : "";
}

const char *ui_variant_label(Variant v, Lang lang)
{
    switch (v) {
    case VARIANT_EVERY:
        return ui_text(UI_VARIANT_EVERY, lang);
    case VARIANT_ATTENTION:
        return ui_text(UI_VARIANT_ATTENTION, lang);
    default:
        return ui_text(UI_VARIANT_INIT, lang);
    }
}

const char *ui_context_label(ContextMode c, Lang lang)
{
    switch (c) {
    case CONTEXT_LAST_TRANSFORM:
        return ui_text(UI_CONTEXT_LAST_TRANSFORM, lang);
    case CONTEXT_MEAN:
        return ui_text(UI_CONTEXT_MEAN, lang);
    default:
        return ui_text(UI_CONTEXT_LAST, lang);
    }
}
