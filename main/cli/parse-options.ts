import { InvalidArgumentError } from 'commander';

/** A TCP port option; errors name the option. */
export function parsePort(option: string) {
  return (value: string): number => {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new InvalidArgumentError(`${option} must be a whole number from 0 to 65535.`);
    }
    return port;
  };
}
