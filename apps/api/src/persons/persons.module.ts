import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KEY_WRAPPER, LocalMasterKeyWrapper, resolveVaultMasterKey } from './key-wrapper';
import { PersonsController } from './persons.controller';
import { PersonsVault } from './persons.vault';
import { VaultStore } from './vault-store';

/**
 * The identity vault. To use a KMS, provide KEY_WRAPPER with an implementation of KeyWrapper instead of the
 * local master key. Depends on the global APP_CONFIG, Clock, EVENT_STORE, ReadModels and AccessLogger.
 */
@Module({
  controllers: [PersonsController],
  providers: [
    PersonsVault,
    { provide: VaultStore, useFactory: (config: AppConfig) => new VaultStore(config.dataDir), inject: [APP_CONFIG] },
    {
      provide: KEY_WRAPPER,
      useFactory: (config: AppConfig) => new LocalMasterKeyWrapper(resolveVaultMasterKey(config.vault.masterKey, config.dataDir)),
      inject: [APP_CONFIG],
    },
  ],
})
export class PersonsModule {}
