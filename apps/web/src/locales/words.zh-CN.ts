import antd from 'antd/es/locale/zh_CN';
import type { Words } from '../language';
import insights from './insights.zh-CN.json';
import orgTasks from './org-tasks.zh-CN.json';
import tasks from './tasks.zh-CN.json';
import main from './zh-CN.json';

/** Chinese, in a chunk of its own. Volunteer tasks and early warnings keep their words in files of their own: `tasks.*` (volunteers), `orgTasks.*` (organisations), `insights.*`. */
export const words: Words = { translation: { ...main, tasks, orgTasks, insights }, antd };
