import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import type { AppErrorShape } from '../../main/contract/index';

/** Save succeeded: a short confirmation that closes by itself. */
export function notifySuccess(title: string, message: string): void {
  notifications.show({ title, message, color: 'teal', icon: <IconCheck size={18} aria-hidden />, autoClose: 4000 });
}

/** Save failed: what went wrong and how to fix it, kept until dismissed. */
export function notifyFailure(title: string, error: AppErrorShape): void {
  notifications.show({
    title,
    message: error.hint ? `${error.message} ${error.hint}` : error.message,
    color: 'red',
    icon: <IconAlertTriangle size={18} aria-hidden />,
    autoClose: false,
  });
}

/** A notice pushed by the engine (`onNotice`). */
export function notifyNotice(level: 'info' | 'warning' | 'error', message: string): void {
  const color = level === 'error' ? 'red' : level === 'warning' ? 'yellow' : 'blue';
  notifications.show({ message, color, icon: <IconInfoCircle size={18} aria-hidden />, autoClose: level === 'info' ? 5000 : false });
}
